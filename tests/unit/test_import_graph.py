"""The layer's import graph (DESIGN.md 1), lazy imports inside functions included: no cycles,
`vitae.platform` knows nothing about the domains, and a domain never imports another's repository."""

import ast
from pathlib import Path

import vitae

PACKAGE = Path(vitae.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _imports(module: str) -> set[str]:
    """The vitae modules `module` imports, wherever the import statement is."""
    found = set()
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(MODULES[module].read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], base]).rstrip(".")
            # `from package import name` imports the submodule `name` when there is one
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names}
    return found & MODULES.keys()


GRAPH = {module: _imports(module) - {module} for module in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_the_walk_sees_lazy_imports_and_finds_cycles():
    assert "vitae.resumes.pdf" in GRAPH["vitae.resumes.service"]  # imported inside export_pdf
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_layer_has_no_import_cycles():
    assert _cycles(GRAPH) == []


def test_the_platform_imports_no_domain():
    domains = {name for name in MODULES
               if not name.startswith(("vitae.platform", "vitae.migrations")) and name != "vitae"}
    leaks = {module: sorted(GRAPH[module] & domains) for module in MODULES if module.startswith("vitae.platform")}
    assert {module: targets for module, targets in leaks.items() if targets} == {}


def test_a_domain_uses_other_domains_through_their_services_not_their_repositories():
    def domain(module: str) -> str:
        return module.split(".")[1] if module.count(".") >= 1 else ""

    foreign = {(module, target) for module, targets in GRAPH.items() for target in targets
               if target.endswith(".repository") and domain(target) != domain(module)}
    assert foreign == set()


def _closure(module: str) -> set[str]:
    seen, todo = set(), [module]
    while todo:
        for target in GRAPH[todo.pop()] - seen:
            seen.add(target)
            todo.append(target)
    return seen


def test_reading_a_users_name_for_a_resume_loads_no_users_service_nor_models():
    """Exports and public or shared resumes read their owner's name through `vitae.users.lookups`:
    neither the users service nor its models, the auth service or event handling load for it."""
    from vitae.users import lookups, service

    assert not _closure("vitae.users.lookups") & {"vitae.users.service", "vitae.users.models", "vitae.auth.service",
                                                   "vitae.platform.events", "vitae.platform.consumers"}
    assert (service.profile_summary, service.public_profile_for_username) == (
        lookups.profile_summary, lookups.public_profile_for_username)
    assert "vitae.users.service" not in GRAPH["vitae.resumes.sharing"]


def test_a_resume_route_declares_only_the_resume_bodies_it_uses():
    """The resume service, its attachments and its routes' common models load neither the
    preferences (nor the jobs domain's `JobSearch` they hold), nor the public, share and statistics
    views, nor the import and export bodies: pydantic declares every model of a module it imports."""
    import subprocess
    import sys

    apart = ("vitae.resumes.preferences", "vitae.jobs.preferences", "vitae.resumes.public", "vitae.resumes.exports")
    loaded = subprocess.run([sys.executable, "-c", "import sys, vitae.resumes.service, vitae.resumes.attachments; "
                             f"print([m for m in {apart!r} if m in sys.modules])"],
                            capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"


def test_every_name_imported_from_the_layer_is_there():
    """`from vitae.x import name`, anywhere in the layer, the functions, the infrastructure or the
    benchmarks (lazy imports inside functions included), names a submodule of `vitae.x` or something
    `vitae.x` defines: a model moved to a module of its own and still imported from the old one
    fails only when that code runs (`make bench`'s recommendations once imported `PreferencesPatch`
    from `vitae.resumes.models` after it moved to `vitae.resumes.preferences`)."""
    import importlib
    import importlib.util

    root = PACKAGE.parents[2]
    wanted = set()
    for folder in (PACKAGE, root / "functions", root / "infra", root / "bench"):
        for path in folder.rglob("*.py"):
            if ".venv" in path.parts or "node_modules" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ImportFrom) and not node.level and (node.module or "").startswith("vitae."):
                    wanted |= {(node.module, alias.name, str(path.relative_to(root))) for alias in node.names}
    assert len(wanted) > 100

    def there(module: str, name: str) -> bool:
        imported = importlib.import_module(module)
        return hasattr(imported, name) or (
            hasattr(imported, "__path__") and importlib.util.find_spec(f"{module}.{name}") is not None)

    missing = sorted((path, f"{module}.{name}") for module, name, path in wanted if not there(module, name))
    assert missing == []

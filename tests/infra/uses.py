"""What a function's code uses, read from the code: the settings that name secrets and AWS resources
(`vitae.platform.config.RESOURCE_SETTINGS`) read anywhere in its handler's import closure, as the
environment variables that carry them. Imports inside functions count too: a lazy import is still
a path the function can take."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

from vitae.platform.config import RESOURCE_SETTINGS, Settings
from vitae_devstack.template import ROOT

LAYER = ROOT / "layers" / "vitae"
CONFIG_MODULE = "vitae.platform.config"  # defines the settings; reading them is what counts


def module_path(name: str) -> Path | None:
    """The source file of the vitae module `name`, or None when it is not one of the layer's."""
    for path in (LAYER / f"{name.replace('.', '/')}.py", LAYER / name.replace(".", "/") / "__init__.py"):
        if path.exists():
            return path
    return None


@cache
def _scan(path: Path, module: str) -> tuple[frozenset[str], frozenset[str]]:
    """(vitae modules it imports, resource settings it reads)."""
    imported, names = set(), set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = module.rsplit(".", node.level)[0]
                base = f"{package}.{base}" if base else package
            imported.add(base)
            imported.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
    modules = frozenset(m for m in imported if m.startswith("vitae") and module_path(m))
    reads = frozenset() if module == CONFIG_MODULE else frozenset(names & RESOURCE_SETTINGS)
    return modules, reads


def import_closure(handler: Path) -> dict[str, frozenset[str]]:
    """Every vitae module the handler file can import, with the resource settings each reads."""
    found: dict[str, frozenset[str]] = {}
    pending = [(handler, "app")]
    while pending:
        path, module = pending.pop()
        modules, reads = _scan(path, module)
        found[module] = reads
        for name in modules - found.keys():
            found[name] = frozenset()
            pending.append((module_path(name), name))  # type: ignore[arg-type]
    return found


def environment_needed(handler: Path) -> dict[str, set[str]]:
    """Environment variable -> the modules whose reads need it (a secret by its `_PARAM`)."""
    needed: dict[str, set[str]] = {}
    for module, reads in import_closure(handler).items():
        for setting in reads:
            variable = f"{setting}_param" if f"{setting}_param" in Settings.model_fields else setting
            needed.setdefault(variable.upper(), set()).add(module)
    return needed

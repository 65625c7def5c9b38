"""The OpenAPI 3.1 document of the whole API, generated from what declares it: the stacks' routes
(method, path, authorizer) and each handler's `EndpointSpec` (its pydantic models, form, headers,
answers and error statuses, set by `vitae.platform.http.endpoint`). Never written by hand.

The document is written into the layer (`vitae/openapi.json`) because the function serving
`GET /v1/openapi.json` in Lambda can read only what is packaged with it, not the templates.
`vitae-dev openapi` (and `make openapi`) regenerates it; `--check` fails when the committed file
differs, and so does a test in tests/infra.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from http import HTTPStatus
from importlib.metadata import version
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, models_json_schema

from vitae.platform.http import Auth, EndpointSpec, ErrorBody, Form, GatewayMessage
from vitae_devstack.template import ROOT, Route, Stack

DOCUMENT = ROOT / "layers" / "vitae" / "vitae" / "openapi.json"
SCHEMAS = "#/components/schemas/{model}"

SECURITY_SCHEMES = {
    "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
               "description": "A Vitae access token (15 minutes; sign in, `POST /v1/auth/refresh` or "
                              "`vitae-dev token`), or an RS256 token of the configured OIDC issuer."},
    "internalToken": {"type": "apiKey", "in": "header", "name": "X-Internal-Token",
                      "description": "The shared secret of Vitae's internal services (`INTERNAL_TOKEN`)."},
}
SCHEME_OF = {Auth.BEARER: "bearer", Auth.INTERNAL: "internalToken"}

# Who answers each error status, and with which body: the handler (the error body) and, for some,
# API Gateway itself ({"message": ...}: a refused token, a payload over Lambda's 6 MB, throttling,
# a function that timed out).
ERRORS: dict[int, tuple[str, bool]] = {
    400: ("The input breaks a rule; `details` names each offending field.", False),
    401: ("No usable credentials: a missing token (answered by API Gateway), an ended session, "
          "a missing or wrong password.", True),
    403: ("The caller may not do this: a token the authorizer refused (answered by API Gateway), "
          "a role, a full quota.", True),
    404: ("Not found, or someone else's (the same answer, so ids leak nothing).", False),
    409: ("The request contradicts what exists (a taken name, a second profile, a pending upload), "
          "or the first request with this Idempotency-Key is still running.", False),
    413: ("The body or file is larger than this path accepts (API Gateway: past Lambda's 6 MB payload).", True),
    415: ("The body's media type, or the file's type judged by its bytes, is not accepted here.", False),
    422: ("This Idempotency-Key was used for a different request.", False),
    429: ("Too many requests: wait `Retry-After` seconds.", True),
    503: ("A dependency is down or slow; `error` says which (e.g. `database_unavailable`).", True),
}
IDEMPOTENCY_KEY = ("A unique key (e.g. a UUID) per intended creation: the same key with the same request "
                   "replays the first answer and creates nothing again; keys are the caller's own and expire "
                   "after 24 hours (draft-ietf-httpapi-idempotency-key-header).")
RATE_LIMIT_HEADERS = {
    "Retry-After": "Seconds until the limit resets.",
    "RateLimit-Limit": "Requests allowed in the window.",
    "RateLimit-Remaining": "Requests left in the window.",
    "RateLimit-Reset": "Seconds until the window resets.",
}


class _Schemas(GenerateJsonSchema):
    """pydantic's JSON Schema without a title on every field (the field's name says it)."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


@dataclass(frozen=True)
class Operation:
    """One route and the handler serving it."""

    route: Route
    spec: EndpointSpec
    domain: str
    doc: str

    @property
    def path_parameters(self) -> list[str]:
        return re.findall(r"\{(\w+)\+?\}", self.route.path)


def operations(stack: Stack | None = None) -> list[Operation]:
    """Every route of the stacks with its handler's spec, in path order (not `$default`: it is what
    no operation is, answered 404). Raises ValueError for a route whose handler was not made by
    `endpoint()` (it would be undocumented)."""
    stack = stack or Stack.root({})
    functions = stack.functions()
    found = []
    modules: dict[str, ModuleType] = {}
    for route in sorted(stack.routes(), key=lambda r: (r.path, r.method)):
        if route.is_default:
            continue
        function = functions[route.function]
        module = modules.get(route.function) or modules.setdefault(route.function, function.load_module())
        spec = getattr(function.handler_of(module), "spec", None)
        if not isinstance(spec, EndpointSpec):
            raise ValueError(f"{route.route_key}: {route.function}'s handler is not an endpoint()")
        found.append(Operation(route, spec, function.code_uri.parent.name, (module.__doc__ or "").strip()))
    return found


def build(stack: Stack | None = None) -> dict[str, Any]:
    """The OpenAPI 3.1 document of every route, as a JSON-able dict. Raises ValueError for an
    operation that documents no success answer."""
    ops = operations(stack)
    components = _Components.of(ops)
    paths: dict[str, dict[str, Any]] = {}
    for op, operation_id in zip(ops, _operation_ids(ops), strict=True):
        paths.setdefault(op.route.path, {})[op.route.method.lower()] = _operation(op, operation_id, components)
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {
            "title": "Vitae API",
            "version": version("vitae"),
            "description": "Career data: accounts, profiles, resumes and their files, CV parsing. "
                           "Bodies are camelCase JSON; every error body is `ErrorBody`; lists are paginated "
                           "with an opaque `cursor` and `limit` (at most 100). Generated from the handlers' "
                           "pydantic models and the stacks' routes (`vitae-dev openapi`).",
        },
        "tags": [{"name": domain} for domain in sorted({op.domain for op in ops})],
        "paths": paths,
        "components": {
            "schemas": {},
            "responses": {_response_name(status): _error_response(status, components) for status in ERRORS},
            "securitySchemes": SECURITY_SCHEMES,
        },
    }
    document["components"]["schemas"] = components.used_by(document)
    return document


def render(document: dict[str, Any]) -> str:
    """The document as it is committed: stable key order, two-space indent, a final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write(path: Path = DOCUMENT) -> bool:
    """Regenerate the document into `path`; returns whether its content changed."""
    text = render(build())
    changed = not path.exists() or path.read_text() != text
    if changed:
        path.write_text(text)
    return changed


# -- pieces ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Components:
    """Every model the operations use (inputs as validated, outputs as serialized, and the error
    bodies) as component schemas, and the reference of each (model, mode)."""

    refs: dict[tuple[Any, JsonSchemaMode], dict[str, Any]]
    schemas: dict[str, Any]

    @classmethod
    def of(cls, ops: list[Operation]) -> _Components:
        wanted: set[tuple[type[BaseModel], JsonSchemaMode]] = {(ErrorBody, "serialization"),
                                                               (GatewayMessage, "serialization")}
        for op in ops:
            spec = op.spec
            wanted.update((model, "validation") for model in (spec.body, spec.query) if model)
            if spec.form and spec.form.fields:
                wanted.add((spec.form.fields, "validation"))
            outputs = (spec.response, *(answer.model for answer in spec.answers))
            wanted.update((model, "serialization") for model in outputs if model)
        ordered = sorted(wanted, key=lambda item: (item[0].__module__, item[0].__qualname__, item[1]))
        refs, definitions = models_json_schema(ordered, ref_template=SCHEMAS, by_alias=True,
                                               schema_generator=_Schemas)
        return cls(dict(refs), dict(sorted(definitions.get("$defs", {}).items())))

    def used_by(self, document: dict[str, Any]) -> dict[str, Any]:
        """The schemas `document` references, directly or through other schemas (query and form
        models, spread into parameters, are not)."""
        used: set[str] = set()
        pending = [{key: value for key, value in document.items() if key != "components"},
                   document["components"]["responses"]]
        while pending:
            names = set(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(pending.pop()))) - used
            used |= names
            pending.extend(self.schemas[name] for name in names)
        return {name: schema for name, schema in self.schemas.items() if name in used}

    def ref(self, model: type[BaseModel], mode: JsonSchemaMode) -> dict[str, Any]:
        return self.refs[(model, mode)]

    def inline(self, model: type[BaseModel]) -> dict[str, Any]:
        """An input model's own schema (query and form models are spread into their parts)."""
        reference = self.ref(model, "validation")
        return self.schemas[reference["$ref"].rsplit("/", 1)[1]] if "$ref" in reference else reference


def _operation_ids(ops: list[Operation]) -> list[str]:
    """The function's name without "Function"; a function serving several routes numbers the others."""
    ids: list[str] = []
    seen: dict[str, int] = {}
    for op in ops:
        base = op.route.function.removesuffix("Function")
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}{seen[base]}")
    return ids


def _summary(op: Operation) -> tuple[str, str]:
    """(summary, description) from the handler module's docstring ("GET /v1/x: what it does; more.")."""
    description = " ".join(op.doc.split())
    what = re.sub(r"^[A-Z]+ /\S*(?: \([^)]*\))?: ", "", description)
    summary = re.split(r"[;:] |\. ", what, maxsplit=1)[0].rstrip(".") or op.route.route_key
    return summary[:1].upper() + summary[1:], description


def _operation(op: Operation, operation_id: str, components: _Components) -> dict[str, Any]:
    spec = op.spec
    summary, description = _summary(op)
    operation: dict[str, Any] = {"tags": [op.domain], "operationId": operation_id, "summary": summary,
                                 "description": description}
    parameters = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                  for name in op.path_parameters]
    if spec.query:
        query = components.inline(spec.query)
        required = set(query.get("required", []))
        parameters += [{"name": name, "in": "query", "required": name in required, "schema": schema}
                       for name, schema in query.get("properties", {}).items()]
    parameters += [{"name": header.name, "in": "header", "required": header.required,
                    "description": header.description, "schema": {"type": "string"}} for header in spec.headers]
    if spec.idempotency:
        parameters.append({"name": "Idempotency-Key", "in": "header", "required": False, "schema": {"type": "string"},
                           "description": IDEMPOTENCY_KEY})
    if parameters:
        operation["parameters"] = parameters
    if spec.body:
        operation["requestBody"] = {"required": True, "content": _json(components.ref(spec.body, "validation"))}
    elif spec.form:
        operation["requestBody"] = _form_body(spec.form, components)
    operation["responses"] = _responses(op, components)
    operation["security"] = _security(op)
    return operation


def _form_body(form: Form, components: _Components) -> dict[str, Any]:
    """A multipart body: the file part and the text fields of `form.fields`. The part's own
    content type is not documented: the service ignores it and judges the bytes."""
    properties: dict[str, Any] = {form.file: {
        "type": "string", "contentMediaType": "application/octet-stream",
        "description": f"{', '.join(form.media_types)}, judged by the bytes (not the name or declared type); "
                       f"at most {form.max_bytes} bytes."}}
    required = [form.file]
    if form.fields:
        fields = components.inline(form.fields)
        properties |= fields.get("properties", {})
        required += fields.get("required", [])
    schema = {"type": "object", "properties": properties, "required": required}
    return {"required": True, "content": {"multipart/form-data": {"schema": schema}}}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def _responses(op: Operation, components: _Components) -> dict[str, Any]:
    """The success answer (the spec's status and response model), the other answers the spec
    declares, and the error statuses the operation can answer (answers win over errors)."""
    spec = op.spec
    responses: dict[str, Any] = {}
    if spec.response or spec.status == 204:
        responses[str(spec.status)] = {"description": HTTPStatus(spec.status).phrase}
        if spec.response:
            responses[str(spec.status)]["content"] = _json(components.ref(spec.response, "serialization"))
    for answer in spec.answers:
        documented: dict[str, Any] = {"description": answer.description}
        if answer.model:
            documented["content"] = _json(components.ref(answer.model, "serialization"))
        if answer.headers:
            documented["headers"] = {name: {"required": True, "schema": {"type": "string"}} for name in answer.headers}
        responses[str(answer.status)] = documented
    if not any(int(status) < 400 for status in responses):
        raise ValueError(f"{op.route.route_key}: its endpoint() documents no success answer "
                         "(give it a response model or answers)")
    for status in _error_statuses(op):
        responses.setdefault(str(status), {"$ref": f"#/components/responses/{_response_name(status)}"})
    return dict(sorted(responses.items()))


def _error_statuses(op: Operation) -> list[int]:
    """The error statuses an operation can answer: from its inputs, its route and its spec."""
    spec = op.spec
    statuses = {503, *spec.errors}  # any function can time out or lose a dependency
    if op.path_parameters or spec.body or spec.query or spec.form or spec.headers:
        statuses.add(400)
    if op.route.authorizer:
        statuses |= {401, 403}
    if op.path_parameters:
        statuses.add(404)
    if spec.body or spec.form:
        statuses |= {413, 415}
    if spec.rate_limit:
        statuses.add(429)
    if spec.idempotency:
        statuses |= {409, 422}
    if undescribed := statuses - ERRORS.keys():
        raise ValueError(f"{op.route.route_key}: describe error status {sorted(undescribed)} in openapi.ERRORS")
    return sorted(statuses)


def _response_name(status: int) -> str:
    return HTTPStatus(status).phrase.title().replace(" ", "").replace("-", "")


def _error_response(status: int, components: _Components) -> dict[str, Any]:
    description, also_gateway = ERRORS[status]
    error = components.ref(ErrorBody, "serialization")
    schema = {"anyOf": [error, components.ref(GatewayMessage, "serialization")]} if also_gateway else error
    response: dict[str, Any] = {"description": description, "content": _json(schema)}
    if status == 429:
        response["headers"] = {name: {"description": text, "schema": {"type": "string"}}
                               for name, text in RATE_LIMIT_HEADERS.items()}
    return response


def _security(op: Operation) -> list[dict[str, list[str]]]:
    """Bearer behind the authorizer; on a public route, the credentials its handler accepts
    (none: anonymous callers; an empty requirement makes a credential optional)."""
    if op.route.authorizer:
        return [{"bearer": []}]
    return [{SCHEME_OF[auth]: []} if auth in SCHEME_OF else {} for auth in op.spec.auth]

"""The local LLM, served by Ollama at OLLAMA_HOST, through the official client.

`ollama` (and httpx under it) is imported on first use: functions that never call the model do not
pay for it at cold start.
"""

import math
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from vitae.platform.config import settings
from vitae.platform.errors import Unavailable
from vitae.platform.observability import logger

if TYPE_CHECKING:
    import ssl

Task = Literal["fast", "reasoning", "coding"]


class AiUnavailable(Unavailable):
    """Ollama is not configured, unreachable, failing or too slow. Features with a deterministic
    method fall back to it; the others answer 503 `ai_unavailable` (DESIGN.md 3, AI)."""

    def __init__(self, message: str):
        super().__init__(message, dependency="ollama", code="ai_unavailable")


class AiInvalidReply(AiUnavailable):
    """The model answered, but not with JSON that fits the schema it was given."""


def client(timeout: float):
    """A client of OLLAMA_HOST whose requests time out after `timeout` seconds, verifying TLS with
    the process's one context (`_tls_context`). Raises AiUnavailable when OLLAMA_HOST is not set."""
    import ollama

    host = settings().ollama_host
    if not host:
        raise AiUnavailable("OLLAMA_HOST is not configured")
    return ollama.Client(host=host, timeout=timeout, verify=_tls_context())


@cache
def _tls_context() -> "ssl.SSLContext":
    """The TLS context httpx would make for each client (`verify=True`: certifi's CAs, or
    SSL_CERT_FILE / SSL_CERT_DIR), made once per process: loading the CAs takes ~20 ms of CPU,
    which every AI call paid. A context is safe to share between clients and threads."""
    import httpx

    return httpx.create_ssl_context()


def ping() -> list[str]:
    """The models the Ollama server has; raises when it cannot be reached."""
    listing = client(settings().dependency_timeout_seconds).list()
    return [m.model for m in listing.models]


def base_url(host: str) -> str:
    """The server's address as the client makes it of OLLAMA_HOST (ollama-python's `_parse_host`):
    "http" and port 11434 unless written, port 80 or 443 for a written scheme without one, the path
    kept without its slashes ("example.com:56789/path/" -> "http://example.com:56789/path")."""
    import ipaddress
    from urllib.parse import urlsplit

    port = 11434
    scheme, _, hostport = host.partition("://")
    if not hostport:
        scheme, hostport = "http", host
    elif scheme in ("http", "https"):
        port = 80 if scheme == "http" else 443
    split = urlsplit(f"{scheme}://{hostport}")
    name = split.hostname or "127.0.0.1"
    try:
        if isinstance(ipaddress.ip_address(name), ipaddress.IPv6Address):
            name = f"[{name}]"  # urlsplit drops the brackets
    except ValueError:
        pass
    path = split.path.strip("/")
    return f"{scheme}://{name}:{split.port or port}" + (f"/{path}" if path else "")


class ResponseError(Exception):
    """An error status from Ollama (`reachable`), named as the client names it (`ollama.ResponseError`,
    with its `error` and `status_code`): the health check reports the failure by its class's name."""

    def __init__(self, error: str, status_code: int) -> None:
        super().__init__(error)
        self.error, self.status_code = error, status_code

    def __str__(self) -> str:
        return f"{self.error} (status code: {self.status_code})"


class ConnectTimeout(TimeoutError):
    """Ollama did not accept the connection in time (`reachable`; httpx's name, as the client raised it)."""


class ReadTimeout(TimeoutError):
    """Ollama did not answer in time once connected (`reachable`; httpx's name, as the client raised it)."""


def reachable() -> None:
    """Whether the Ollama server answers with its model listing (GET /api/tags, as `ping`, within
    DEPENDENCY_TIMEOUT_SECONDS): the health check. By the standard library, not the client: importing
    `ollama` (httpx, its pydantic types) is ~0.14 s of CPU here, most of the health function's first
    call, for one GET whose answer is not read further. The request carries what the client's would
    need to pass a gateway: `Authorization: Bearer $OLLAMA_API_KEY` when that is set (as the client
    sends it). Raises AiUnavailable (not configured), and otherwise an error named as the client's
    was (the health check reports the name): ConnectionError (refused or unreachable), ConnectTimeout
    or ReadTimeout (TimeoutErrors), ResponseError (an error status), ValueError (an answer that is not
    JSON, or without a list of models)."""
    import json
    import os
    import urllib.error
    import urllib.request

    host = settings().ollama_host
    if not host:
        raise AiUnavailable("OLLAMA_HOST is not configured")
    timeout = settings().dependency_timeout_seconds
    headers = {"Accept": "application/json"}
    if api_key := os.environ.get("OLLAMA_API_KEY"):
        headers["Authorization"] = f"Bearer {api_key}"
    request = urllib.request.Request(f"{base_url(host)}/api/tags", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            listing = json.load(response)
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8", "replace")
        try:
            message = json.loads(body).get("error", body)
        except (ValueError, AttributeError):
            message = body
        raise ResponseError(str(message), error.code) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise ConnectTimeout(f"Ollama did not accept the connection within {timeout} s") from None
        raise ConnectionError(f"Failed to connect to Ollama: {error.reason}") from None
    except TimeoutError:  # the socket's, once connected (urllib does not wrap it)
        raise ReadTimeout(f"Ollama did not answer within {timeout} s") from None
    if not isinstance(listing, dict) or not isinstance(listing.get("models"), list):
        raise ValueError("Ollama's /api/tags answered without a list of models")


def model_version(model: str) -> str | None:
    """The digest the Ollama server lists `model` under (/api/tags; "llama3.2" names
    "llama3.2:latest"), which changes whenever the model is pulled anew: what an AI result records
    as the model's version. None when the server does not list it or cannot be asked."""
    try:
        listing = client(settings().dependency_timeout_seconds).list()
    except Exception as error:
        logger.warning("model version unknown", extra={"model": model, "error": str(error)})
        return None
    return next((m.digest for m in listing.models if _names(model, m.model) and m.digest), None)


def _names(model: str, listed: str | None) -> bool:
    """Whether the server's `listed` name is `model` ("llama3.2" is listed as "llama3.2:latest")."""
    return listed in (model, f"{model}:latest")


def require_model(task: Task) -> str:
    """The model of `task`, once the Ollama server has answered that it has it (/api/tags, within
    DEPENDENCY_TIMEOUT_SECONDS): what an API checks before it stores work only a model can do.
    Raises AiUnavailable when the server is not configured, unreachable or lacks the model."""
    model = model_of(task)
    try:
        names = ping()
    except AiUnavailable:
        raise
    except Exception as error:
        raise AiUnavailable(f"Ollama is unreachable: {error}") from None
    if not any(_names(model, name) for name in names):
        raise AiUnavailable(f"Ollama does not have the model {model} (ollama pull {model})")
    return model


def _options() -> dict[str, Any]:
    """The options of every chat call: deterministic sampling, and the context window set
    (AI_NUM_CTX) rather than the server's default, which cuts longer prompts silently."""
    return {"temperature": 0, "num_ctx": settings().ai_num_ctx}


def model_of(task: Task) -> str:
    """The model OLLAMA_*_MODEL names for `task`."""
    s = settings()
    return {"fast": s.ollama_fast_model, "reasoning": s.ollama_reasoning_model,
            "coding": s.ollama_coding_model}[task]


def structured[M: BaseModel](response_model: type[M], messages: list[dict], task: Task = "fast",
                             timeout: float | None = None) -> M:
    """One chat call whose reply must be JSON valid against `response_model`'s schema.

    Server errors (5xx), lost connections and replies that do not validate are retried, up to
    AI_MAX_ATTEMPTS attempts in all; a refused request (4xx) is not, nor is a timeout, which has
    already used the caller's time.
    Raises AiInvalidReply when the last reply did not validate, AiUnavailable otherwise.
    """
    model = model_of(task)
    timeout = settings().ai_timeout_seconds if timeout is None else timeout
    schema = response_model.model_json_schema()

    def ask(ollama: Any) -> M:
        reply = ollama.chat(model=model, messages=messages, format=schema, options=_options())
        return response_model.model_validate_json(reply.message.content or "")

    return _with_retries(model, timeout, ask)


def chat(messages: list[dict], tools: list[dict] | None = None, task: Task = "reasoning",
         timeout: float | None = None) -> Any:
    """One chat call (Ollama /api/chat, not streamed) offering `tools` (Ollama tool calling: JSON
    schemas of functions the model may ask to be called); the reply's `message` (`content`, and
    `tool_calls`, each `function.name` and `function.arguments`). Retried as `structured` retries.
    Raises AiInvalidReply for a reply with neither content nor tool calls (an empty answer is a
    failure, never a silent success), AiUnavailable otherwise."""
    model = model_of(task)
    timeout = settings().ai_timeout_seconds if timeout is None else timeout

    def ask(ollama: Any) -> Any:
        reply = ollama.chat(model=model, messages=messages, tools=tools or None, options=_options())
        message = reply.message
        if not (message.content or "").strip() and not message.tool_calls:
            raise ValueError("the reply is empty")
        return message

    return _with_retries(model, timeout, ask)


EMBEDDING_DIMENSIONS = 768  # the vector(768) columns of migration 0014
FLOAT4_MAX = 3.4028234e38  # pgvector stores single-precision floats


def embed(texts: list[str], timeout: float | None = None, attempts: int | None = None) -> list[list[float]]:
    """The embeddings of `texts` (one vector of EMBEDDING_DIMENSIONS floats each, in order) by
    OLLAMA_EMBED_MODEL, through /api/embed, which truncates texts longer than the model's context
    and shortens Matryoshka models' vectors to `dimensions` (Ollama API docs, "Generate Embeddings").

    Server errors and lost connections are retried as `structured` retries them (`attempts` in all,
    default AI_MAX_ATTEMPTS); a reply of the
    wrong shape is not (the model would give it again). Raises AiInvalidReply when the model answers
    with vectors of another size or count (a model that cannot give 768 dimensions), with values
    pgvector cannot store (NaN, infinite, beyond single precision) or with a zero vector (which has
    no direction: its cosine distance to anything is undefined); AiUnavailable otherwise.
    """
    model = settings().ollama_embed_model
    timeout = settings().ai_timeout_seconds if timeout is None else timeout
    reply = _with_retries(model, timeout, lambda ollama: ollama.embed(
        model=model, input=texts, truncate=True, dimensions=EMBEDDING_DIMENSIONS), attempts)
    vectors = [list(vector) for vector in reply.embeddings]
    if not all(math.isfinite(value) and abs(value) <= FLOAT4_MAX for vector in vectors for value in vector):
        raise AiInvalidReply(f"{model} gave embeddings holding NaN, infinite or out-of-range values")
    if any(not any(vector) for vector in vectors):
        raise AiInvalidReply(f"{model} gave a zero vector")
    if len(vectors) != len(texts) or any(len(vector) != EMBEDDING_DIMENSIONS for vector in vectors):
        sizes = sorted({len(vector) for vector in vectors})
        raise AiInvalidReply(f"{model} gave {len(vectors)} embeddings of {sizes} dimensions for {len(texts)} texts; "
                             f"recommendations need {EMBEDDING_DIMENSIONS} (set OLLAMA_EMBED_MODEL to a model "
                             "that gives them, such as nomic-embed-text)")
    return vectors


def _with_retries[T](model: str, timeout: float, call: Callable[[Any], T], attempts: int | None = None) -> T:
    """`call(client)`, again after a server error (5xx), a lost connection or a reply that does not
    validate, up to `attempts` (AI_MAX_ATTEMPTS) attempts in all; not after a refused request (4xx)
    or a timeout, which has already used the caller's time. Raises what `_failure` makes of the
    last error."""
    attempts = settings().ai_max_attempts if attempts is None else attempts
    ollama = client(timeout)
    attempt = 1
    try:
        while True:
            try:
                return call(ollama)
            except Exception as error:
                failure, retry = _failure(error, model, timeout)
                if not retry or attempt >= attempts:
                    raise failure from error
                logger.warning("AI call failed; retrying", extra={"model": model, "attempt": attempt,
                                                                  "error": str(failure)})
                attempt += 1
    finally:
        ollama.close()


def _failure(error: Exception, model: str, timeout: float) -> tuple[AiUnavailable, bool]:
    """What `error` means for the caller, and whether another attempt may succeed. Anything that
    is not a model or transport problem (a bug) is raised as it is."""
    import httpx
    import ollama

    match error:
        case httpx.TimeoutException():
            return AiUnavailable(f"{model} did not answer within {timeout:g}s"), False
        case ollama.ResponseError(status_code=status) if status >= 500:
            return AiUnavailable(f"Ollama failed ({status}): {error.error}"), True
        case ollama.ResponseError(status_code=status):
            return AiUnavailable(f"Ollama refused the request ({status}): {error.error}"), False
        case ConnectionError() | httpx.TransportError():
            return AiUnavailable(f"Ollama is unreachable: {error}"), True
        case ValueError():  # an undecodable body, or content that is not the schema's JSON
            return AiInvalidReply(f"{model}'s reply does not fit the schema: {str(error)[:300]}"), True
    raise error

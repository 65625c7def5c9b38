"""The Idempotency-Key header of creating POSTs (IETF draft-ietf-httpapi-idempotency-key-header).

A client that did not get an answer (a timeout, a 503, a dropped connection) sends the same request
again with the same key. The first request with a key runs; until it finishes, the same key is a
409 (`idempotency_key_in_use`); once it succeeded, the same key and the same request get the first
answer again (status, headers and body, with `Idempotent-Replayed: true`) and nothing is created
twice; the same key with a different request (method, path, query or body) is a 422
(`idempotency_key_reused`). Keys are scoped to the caller (two users may use the same key) and
remembered for IDEMPOTENCY_KEY_TTL_SECONDS (24 hours by default) from their first use; a scheduled
function deletes expired ones. A request that fails (any error answer) releases its key, so the
client may retry it as it is; so does an invocation that dies, once the time it had left has passed.
The header's value is a Structured Field string (`"8e03978e-..."`, RFC 8941) or a bare token, 1 to
255 printable ASCII characters; anything else is a 400. A request without the header simply runs.

Why the platform's own record in PostgreSQL and not Powertools' idempotency utility: Powertools
persists to DynamoDB or Redis, which Vitae would have to provision (a table and its grants) or
trust (Redis is a cache here: it may be lost, and its outage must degrade, never refuse), while
every creating route already holds a PostgreSQL connection to the data it creates. A record there
is as durable as the resource, needs no new grant, and fails with the database it guards (a key
claimed while PostgreSQL hangs is never left half-written elsewhere). The record is not written in
the same transaction as the resource: services commit their own work in steps (a CV's row before
its object, so its upload notification finds it), so it is claimed before the request runs and
completed after. One window remains: a commit that reached the database whose answer was lost, in
an invocation that died before completing the record; a retry after that invocation's time runs
again.

Neither the caller nor the key is stored: a record is found by a SHA-256 of both, and the answer it
keeps is sealed (AES-GCM) with a key derived from them, so bearer secrets in answers (share tokens,
upload forms) are not readable from the table.
"""

import base64
import hashlib
import json
import os
import re
from collections.abc import Callable
from typing import Any

from vitae.platform import db
from vitae.platform.config import settings
from vitae.platform.errors import Conflict, Invalid, Unavailable, Unprocessable
from vitae.platform.observability import logger

HEADER = "idempotency-key"  # API Gateway's payload 2.0 gives header names in lower case
REPLAYED_HEADER = "idempotent-replayed"
_SF_STRING = re.compile(r'"((?:[ !#-\[\]-~]|\\["\\])*)"')  # RFC 8941 sf-string: \" and \\ escaped
_BARE = re.compile(r'[!#-\[\]-~]+')  # visible ASCII but quotes and backslashes
MAX_KEY_LENGTH = 255
# An invocation that dies leaves its key in progress for the time it had left, and this much more.
LOCK_MARGIN_SECONDS = 1.0

Answer = dict[str, Any]  # a Lambda proxy response: {statusCode, headers, body[, isBase64Encoded]}


def idempotency_key(headers: dict[str, str]) -> str | None:
    """The Idempotency-Key header's value, or None without the header: an RFC 8941 Structured Field
    string (`"..."`, as the draft writes it) unquoted, or a bare run of visible ASCII. Raises Invalid
    when it is neither, or empty, or longer than MAX_KEY_LENGTH."""
    raw = headers.get(HEADER)
    if raw is None:
        return None
    value = raw.strip(" \t")
    if quoted := _SF_STRING.fullmatch(value):
        value = re.sub(r'\\(.)', r"\1", quoted[1])
    elif not _BARE.fullmatch(value):
        value = ""
    if not 0 < len(value) <= MAX_KEY_LENGTH:
        raise Invalid("Validation failed", details=[{
            "field": "Idempotency-Key", "in": "header",
            "message": f"must be 1 to {MAX_KEY_LENGTH} printable ASCII characters, e.g. a quoted UUID"}])
    return value


def fingerprint(event: dict[str, Any]) -> bytes:
    """SHA-256 of what makes a request the same request: method, path, query and body. The
    boundary of a multipart body is left out, since clients draw a new one for every attempt."""
    http = event.get("requestContext", {}).get("http", {})
    raw = event.get("body") or ""
    body = base64.b64decode(raw) if event.get("isBase64Encoded") else raw.encode()
    found = re.search(r'boundary="?([^";]+)"?', (event.get("headers") or {}).get("content-type", ""))
    if found:
        body = body.replace(found[1].encode(), b"")
    digest = hashlib.sha256()
    for part in (http.get("method", ""), event.get("rawPath", ""), event.get("rawQueryString", "")):
        digest.update(part.encode() + b"\n")
    digest.update(body)
    return digest.digest()


def _derived(label: str, scope: str, key: str) -> bytes:
    return hashlib.sha256(f"vitae idempotency {label}\n{scope}\n{key}".encode()).digest()


def _seal(secret: bytes, answer: Answer, digest: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    return nonce + AESGCM(secret).encrypt(nonce, json.dumps(answer).encode(), digest)


def _open(secret: bytes, sealed: bytes, digest: bytes) -> Answer:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return json.loads(AESGCM(secret).decrypt(sealed[:12], sealed[12:], digest))


def by_key(event: dict[str, Any], scope: str, seconds_left: float, respond: Callable[[], Answer]) -> Answer:
    """Run `respond` (the request `event` of the caller `scope`, which has `seconds_left` before
    its invocation is stopped) at most once per Idempotency-Key; see the module's docstring.
    Raises Invalid (a malformed key), Conflict (the key's first request is still running),
    Unprocessable (the key was used for another request) and whatever `respond` raises."""
    key = idempotency_key(event.get("headers") or {})
    if key is None:
        return respond()
    digest, secret, request_print = _derived("key", scope, key), _derived("answer", scope, key), fingerprint(event)
    stored = _claim(digest, request_print, seconds_left + LOCK_MARGIN_SECONDS)
    if stored is not None:
        if bytes(stored["fingerprint"]) != request_print:
            raise Unprocessable("This Idempotency-Key was used for a different request",
                                code="idempotency_key_reused")
        if stored["response"] is None:
            raise _in_use()
        answer = _open(secret, bytes(stored["response"]), digest)
        answer["headers"] = {**answer.get("headers", {}), REPLAYED_HEADER: "true"}
        return answer
    try:
        answer = respond()
    except Unavailable as error:
        if error.dependency != "database":  # with the database gone, the key's lock expires by itself
            _release(digest)
        raise
    except BaseException:
        _release(digest)
        raise
    _complete(digest, _seal(secret, answer, digest))
    return answer


def _in_use() -> Conflict:
    return Conflict("A request with this Idempotency-Key is still being processed", code="idempotency_key_in_use")


def _claim(digest: bytes, request_print: bytes, lock_seconds: float) -> dict[str, Any] | None:
    """Claim the key for this request: None when claimed (new, expired, or left in progress by an
    invocation that died, for the same request), else the record standing in the way."""
    parameters = {"digest": digest, "print": request_print, "lock": lock_seconds,
                  "ttl": settings().idempotency_key_ttl_seconds}
    for _ in range(3):  # the record in the way may be released between the two statements
        with db.transaction() as conn:
            claimed = conn.execute(
                """INSERT INTO idempotency_keys (key_digest, fingerprint, locked_until, expires_at)
                   VALUES (%(digest)s, %(print)s, now() + make_interval(secs => %(lock)s),
                           now() + make_interval(secs => %(ttl)s))
                   ON CONFLICT (key_digest) DO UPDATE
                       SET fingerprint = EXCLUDED.fingerprint, locked_until = EXCLUDED.locked_until,
                           response = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
                       WHERE idempotency_keys.expires_at <= now()
                          OR (idempotency_keys.response IS NULL AND idempotency_keys.locked_until <= now()
                              AND idempotency_keys.fingerprint = EXCLUDED.fingerprint)
                   RETURNING key_digest""",
                parameters,
            ).fetchone()
            if claimed is not None:
                return None
            stored = conn.execute("SELECT fingerprint, response FROM idempotency_keys WHERE key_digest = %s",
                                  (digest,)).fetchone()
            if stored is not None:
                return stored
    raise _in_use()


def _complete(digest: bytes, sealed: bytes) -> None:
    """Keep the answer. The resource exists whatever happens here: a failure is logged, not answered."""
    try:
        db.connection().execute(
            "UPDATE idempotency_keys SET response = %s, locked_until = NULL WHERE key_digest = %s", (sealed, digest))
    except Unavailable as error:
        logger.warning("the answer of an idempotent request could not be kept", extra={"error": error.reason})


def _release(digest: bytes) -> None:
    """Forget a key whose request failed, so that it may be sent again."""
    try:
        db.connection().execute("DELETE FROM idempotency_keys WHERE key_digest = %s AND response IS NULL",
                                (digest,))
    except Unavailable as error:
        logger.warning("an idempotency key could not be released", extra={"error": error.reason})


def purge_expired(limit: int = 1000) -> int:
    """Delete up to `limit` records past their expiry; returns how many were deleted."""
    return db.connection().execute(
        """DELETE FROM idempotency_keys WHERE key_digest IN (
               SELECT key_digest FROM idempotency_keys WHERE expires_at <= now() LIMIT %s)""",
        (limit,),
    ).rowcount

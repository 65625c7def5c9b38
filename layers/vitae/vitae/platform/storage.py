"""S3 for files: private objects under per-kind prefixes, presigned URLs, checks by content.

Keys are generated (`<prefix>/<owner>/<uuid>`), never taken from a filename. A file's type is what
its bytes say it is (magic numbers), not what its name or declared content type claims.
"""

import json
import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal
from urllib.parse import quote, unquote_plus

from vitae.platform.config import settings
from vitae.platform.errors import NotConfigured

PREFIXES = ("avatars", "attachments", "cv", "requirements", "match", "exports", "linkedin")
MAX_OBJECT_BYTES = 5 * 1024**4  # S3's largest object: no file anyone reports to us is larger


@cache
def s3():
    import boto3
    from botocore.config import Config

    s = settings()
    return boto3.client(
        "s3",
        region_name=s.aws_region,
        config=Config(
            signature_version="s3v4",
            # Local endpoints (LocalStack, moto) have no per-bucket DNS names.
            s3={"addressing_style": "path" if s.aws_endpoint_url else "auto"},
            connect_timeout=s.dependency_timeout_seconds,
            read_timeout=10,
            retries={"max_attempts": 3, "mode": "standard"},
        ),
    )


# Objects whose arrival starts work (uploads through presigned POSTs, CVs to parse) end with this
# suffix: the bucket notifies the upload queues about them only, not about what the API stores.
NOTIFY_SUFFIX = ".upload"


Operation = Literal["get", "put", "delete", "list"]  # s3:GetObject, PutObject, DeleteObject, ListBucket


def bucket_for(key: str, operation: Operation) -> str:
    """The files bucket, for `operation` on `key` (a key prefix for "list"; "" is the bucket itself)
    when this function's FILES_ACCESS allows it. Locally this is what IAM does in AWS: anything else
    raises PermissionError (AccessDenied there), so a function whose template lacks a grant fails in
    the devstack too. NotConfigured without FILES_BUCKET."""
    s = settings()
    if not s.files_bucket:
        raise NotConfigured("FILES_BUCKET is not set for this function", dependency="storage")
    if s.files_access is not None and not any(
        operation in operations and (key.startswith(prefix) if prefix else key == "")
        for prefix, operations in parse_access(s.files_access)
    ):
        raise PermissionError(f"this function may not {operation} {key!r}: its FILES_ACCESS is {s.files_access!r}")
    return s.files_bucket


def parse_access(declared: str) -> list[tuple[str, set[str]]]:
    """FILES_ACCESS ("avatars/:get+put,:list") as [(prefix, {operations})]."""
    entries = []
    for entry in filter(None, declared.split(",")):
        prefix, _, operations = entry.partition(":")
        entries.append((prefix, set(operations.split("+"))))
    return entries


def bucket_reachable() -> None:
    """Raises unless the bucket answers (HEAD, which IAM grants as s3:ListBucket)."""
    s3().head_bucket(Bucket=bucket_for("", "list"))


def new_key(prefix: str, owner_id: object, notify: bool = False) -> str:
    if prefix not in PREFIXES:
        raise ValueError(f"unknown storage prefix {prefix!r}")
    return f"{prefix}/{owner_id}/{uuid.uuid4()}{NOTIFY_SUFFIX if notify else ''}"


def settled_key(key: str) -> str:
    """Where a notified object is kept once its work has taken it: the same key without the
    suffix, so the bucket does not notify again."""
    return key.removesuffix(NOTIFY_SUFFIX)


def object_size(key: str) -> int:
    return s3().head_object(Bucket=bucket_for(key, "get"), Key=key)["ContentLength"]


def move_object(source: str, target: str) -> int:
    """Copy `source` to `target`, delete `source`; returns the size of what was moved."""
    bucket = bucket_for(source, "get")
    bucket_for(source, "delete")
    bucket_for(target, "put")
    s3().copy_object(Bucket=bucket, Key=target, CopySource={"Bucket": bucket, "Key": source})
    s3().delete_object(Bucket=bucket, Key=source)
    return object_size(target)


# C0 and C1 controls, quotes, and the Unicode bidi controls, which make "invoice\u202efdp.exe" show
# as "invoiceexe.pdf" (RTL override, embeddings, isolates, marks).
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def display_filename(name: str | None, default: str) -> str:
    """A file's name for showing and for downloads (never part of a key): the last path segment,
    NFC, without control characters, bidi controls or quotes, at most 200 characters; `default`
    when nothing is left."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = _UNSHOWABLE.sub("", unicodedata.normalize("NFC", base)).strip()
    return cleaned[:200] or default


def content_disposition(filename: str) -> str:
    """The Content-Disposition of a download named `filename` (RFC 6266): `filename*` carries the
    name in UTF-8 (RFC 5987), `filename` an ASCII approximation for clients that read only that
    (accents dropped, other characters as "_", "download" when no letter or digit is left)."""
    name = display_filename(filename, "download")
    letters = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    fallback = re.sub(r"_+", "_", re.sub(r"[^\x20-\x7e]|[\\%]", "_", letters))
    stem, dot, extension = fallback.rpartition(".") if "." in fallback else (fallback, "", "")
    if not re.search(r"[A-Za-z0-9]", stem):
        fallback = f"download{dot}{extension}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def detect_type(data: bytes) -> str | None:
    """The MIME type the bytes prove, or None when they prove nothing known."""
    import filetype

    kind = filetype.guess(data)
    return kind.mime if kind else None


@dataclass(frozen=True)
class UnsupportedContent(Exception):
    detected: str | None
    allowed: tuple[str, ...]


def require_type(data: bytes, allowed: tuple[str, ...]) -> str:
    detected = detect_type(data)
    if detected not in allowed:
        raise UnsupportedContent(detected, allowed)
    return detected


def put_object(key: str, data: bytes, content_type: str) -> None:
    s3().put_object(Bucket=bucket_for(key, "put"), Key=key, Body=data, ContentType=content_type)


def delete_object(key: str) -> None:
    s3().delete_object(Bucket=bucket_for(key, "delete"), Key=key)


def presigned_get(key: str, expires_seconds: int = 300, download_name: str | None = None) -> str:
    """A GET URL for the object, valid `expires_seconds`; with `download_name`, S3 answers with a
    Content-Disposition that saves the file under that name (any script: `content_disposition`)."""
    params: dict[str, Any] = {"Bucket": bucket_for(key, "get"), "Key": key}
    if download_name:
        params["ResponseContentDisposition"] = content_disposition(download_name)
    return s3().generate_presigned_url("get_object", Params=params, ExpiresIn=expires_seconds)


def presigned_post(
    key: str, content_types: tuple[str, ...], max_bytes: int, expires_seconds: int = 600
) -> dict[str, Any]:
    """A browser-usable upload form for exactly `key`, bounded in size and declared type.

    The declared type is only a first filter; the object's bytes are checked again after upload.
    """
    conditions: list[Any] = [["content-length-range", 1, max_bytes]]
    if len(content_types) == 1:
        conditions.append({"Content-Type": content_types[0]})
    else:
        conditions.append(["starts-with", "$Content-Type", _common_prefix(content_types)])
    post = s3().generate_presigned_post(
        bucket_for(key, "put"), key, Conditions=conditions, ExpiresIn=expires_seconds
    )
    return {"url": post["url"], "fields": post["fields"], "key": key, "maxBytes": max_bytes}


def _common_prefix(content_types: tuple[str, ...]) -> str:
    first, *rest = content_types
    prefix = first
    for ct in rest:
        while not ct.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def read_head(key: str, length: int) -> bytes:
    """The first `length` bytes of an object: enough to judge its type without downloading it."""
    response = s3().get_object(Bucket=bucket_for(key, "get"), Key=key, Range=f"bytes=0-{length - 1}")
    return response["Body"].read()


def read_object(key: str) -> bytes:
    return s3().get_object(Bucket=bucket_for(key, "get"), Key=key)["Body"].read()


def delete_owner_files(owner_id: object) -> int:
    """Delete every object of one owner, under every prefix; returns how many were deleted."""
    paginator = s3().get_paginator("list_objects_v2")
    deleted = 0
    for prefix in PREFIXES:
        bucket = bucket_for(f"{prefix}/{owner_id}/", "list")
        bucket_for(f"{prefix}/{owner_id}/", "delete")
        for page in paginator.paginate(Bucket=bucket, Prefix=f"{prefix}/{owner_id}/"):
            keys = [{"Key": item["Key"]} for item in page.get("Contents", [])]
            if keys:  # a listing page holds at most 1000 keys, DeleteObjects' limit
                errors = s3().delete_objects(Bucket=bucket, Delete={"Objects": keys, "Quiet": True}).get("Errors")
                if errors:
                    raise RuntimeError(f"{len(errors)} objects of {owner_id} not deleted, e.g. {errors[0]}")
                deleted += len(keys)
    return deleted


def handle_notifications(event: dict[str, Any], handle: Callable[[str, int, str], str]) -> dict[str, Any]:
    """Run `handle(key, size, sequencer)` for every object in a batch of S3 notifications delivered
    through SQS; a failing message is reported alone (ReportBatchItemFailures)."""
    from vitae.platform.observability import flush_metrics, logger

    failures = []
    for message in event["Records"]:
        try:
            for record in json.loads(message["body"]).get("Records", []):  # none in an s3:TestEvent
                obj = record["s3"]["object"]
                key = unquote_plus(obj["key"])
                outcome = handle(key, int(obj.get("size", 0)), obj.get("sequencer", ""))
                logger.info("upload processed", extra={"key": key, "outcome": outcome})
        except Exception as error:
            from vitae.platform import alerts

            logger.exception("upload processing failed", extra={"messageId": message["messageId"]})
            alerts.critical("upload processing", error, messageId=message["messageId"])
            failures.append({"itemIdentifier": message["messageId"]})
    flush_metrics()
    return {"batchItemFailures": failures}

"""Files are judged by their bytes; keys never come from filenames; presigned forms carry limits."""

import pytest
from moto import mock_aws

from vitae.platform import storage

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452")
JPEG = bytes.fromhex("ffd8ffe000104a464946000101")
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


@pytest.mark.parametrize("data, mime", [(PNG, "image/png"), (JPEG, "image/jpeg"), (PDF, "application/pdf"),
                                        (b"just some text pretending to be an image", None)])
def test_detection_by_content(data, mime):
    assert storage.detect_type(data) == mime


def test_require_type_refuses_a_text_file_named_png():
    with pytest.raises(storage.UnsupportedContent) as refused:
        storage.require_type(b"hello, I am text", ("image/png", "image/jpeg"))
    assert refused.value.detected is None
    assert storage.require_type(PNG, ("image/png", "image/jpeg")) == "image/png"


def test_keys_are_generated_per_prefix_and_owner():
    first, second = storage.new_key("cv", "u1"), storage.new_key("cv", "u1")
    assert first.startswith("cv/u1/") and first != second
    with pytest.raises(ValueError):
        storage.new_key("../etc", "u1")


def test_presigned_post_carries_size_and_type_conditions(monkeypatch):
    import base64
    import json

    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    monkeypatch.setenv("FILES_BUCKET", "vitae-files")
    from vitae.platform import config

    config.settings.cache_clear()
    storage.s3.cache_clear()
    with mock_aws():
        form = storage.presigned_post("cv/u1/x", ("application/pdf",
                                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), 10)
        policy = json.loads(base64.b64decode(form["fields"]["policy"]))
    storage.s3.cache_clear()
    config.settings.cache_clear()
    assert ["content-length-range", 1, 10] in policy["conditions"]
    assert ["starts-with", "$Content-Type", "application/"] in policy["conditions"]
    assert {"key": "cv/u1/x"} in policy["conditions"]
    assert form["maxBytes"] == 10


def test_a_function_does_in_the_bucket_only_what_its_template_grants(monkeypatch):
    from vitae.platform import config
    from vitae.platform.errors import NotConfigured

    def declare(**env):
        for key in ("FILES_BUCKET", "FILES_ACCESS"):
            monkeypatch.delenv(key, raising=False)
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        config.settings.cache_clear()

    declare()
    with pytest.raises(NotConfigured):
        storage.bucket_for("cv/u1/x", "get")
    declare(FILES_BUCKET="files")
    assert storage.bucket_for("exports/u1/x", "delete") == "files"  # no FILES_ACCESS: code outside a function
    declare(FILES_BUCKET="files", FILES_ACCESS="avatars/:get+put,exports/:get,cv/:delete+list")
    assert storage.bucket_for("avatars/u1/x", "put") == storage.bucket_for("exports/u1/y", "get") == "files"
    assert storage.bucket_for("cv/u1/", "list") == "files"
    for key, operation in (("avatars/u1/x", "delete"), ("exports/u1/x", "put"), ("attachments/u1/x", "get"),
                           ("avatarsX/u1/x", "get"), ("cv/u1/x", "get"), ("", "list")):
        with pytest.raises(PermissionError, match="FILES_ACCESS"):
            storage.bucket_for(key, operation)
    with pytest.raises(PermissionError):
        storage.put_object("cv/u1/x", b"%PDF", "application/pdf")  # refused before any call to S3
    declare(FILES_BUCKET="files", FILES_ACCESS=":list")  # the bucket itself: health's HEAD
    assert storage.bucket_for("", "list") == "files"
    with pytest.raises(PermissionError):
        storage.bucket_for("avatars/", "list")
    declare(FILES_BUCKET="files", FILES_ACCESS="")
    with pytest.raises(PermissionError):
        storage.bucket_for("avatars/u1/x", "get")
    monkeypatch.undo()
    config.settings.cache_clear()


BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("name, shown", [
    ("invoice\u202efdp.exe", "invoicefdp.exe"),  # would show as "invoiceexe.pdf"
    (f"a{BIDI_CONTROLS}b.pdf", "ab.pdf"),  # every Unicode bidi control
    ("tab\there\x85\x9f.pdf", "tabhere.pdf"),  # C0 and C1 controls
    ('say "hi".pdf', "say hi.pdf"),
    ("C:\\Users\\me\\CV.pdf", "CV.pdf"),
    ("Re\u0301sume\u0301.pdf", "Résumé.pdf"),  # decomposed accents (macOS names) composed
    ("\u202e", "attachment"),
])
def test_display_filenames_keep_no_path_controls_or_bidi_tricks(name, shown):
    assert storage.display_filename(name, "attachment") == shown


@pytest.mark.parametrize("name, fallback", [
    ("Резюме Иванова.pdf", "download.pdf"),
    ("Łukasz Żmuda – CV.pdf", "_ukasz Zmuda _ CV.pdf"),
    ("café résumé.docx", "cafe resume.docx"),
    ("履歴書", "download"),
    ('50% "final"\\v2.pdf', "v2.pdf"),
    ("invoice\u202efdp.exe", "invoicefdp.exe"),
])
def test_content_disposition_names_the_download_in_any_script(name, fallback):
    """RFC 6266 with RFC 5987: an HTTP parser (werkzeug's) reads the UTF-8 name from `filename*`;
    the ASCII `filename` comes first, for clients that read only that one."""
    from werkzeug.http import parse_options_header

    header = storage.content_disposition(name)
    assert header.isascii()
    assert parse_options_header(header) == ("attachment", {"filename": storage.display_filename(name, "download")})
    assert header.startswith(f'attachment; filename="{fallback}"; filename*=UTF-8\'\'')

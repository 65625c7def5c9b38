"""The Idempotency-Key header as the draft writes it, and what makes two requests the same one."""

import base64

import pytest

from vitae.platform.errors import Invalid
from vitae.platform.idempotency import fingerprint, idempotency_key


@pytest.mark.parametrize("header, key", [
    ('"8e03978e-40d5-43e8-bc93-6894a57f9324"', "8e03978e-40d5-43e8-bc93-6894a57f9324"),
    ("8e03978e-40d5-43e8-bc93-6894a57f9324", "8e03978e-40d5-43e8-bc93-6894a57f9324"),
    ('"with \\"quotes\\" and a \\\\"', 'with "quotes" and a \\'),
    ('  "padded"  ', "padded"), ('"' + "k" * 255 + '"', "k" * 255),
])
def test_keys_are_structured_field_strings_or_bare_tokens(header, key):
    assert idempotency_key({"idempotency-key": header}) == key
    assert idempotency_key({}) is None


@pytest.mark.parametrize("header", ['""', "", "   ", '"' + "k" * 256 + '"', "é", '"a\\qb"', '"open', 'a"b', "a b",
                                    '"tab\tinside"'])
def test_other_values_are_invalid(header):
    with pytest.raises(Invalid) as refused:
        idempotency_key({"idempotency-key": header})
    assert refused.value.details[0]["field"] == "Idempotency-Key"


def _event(body: str, method="POST", path="/v1/resumes", query="", content_type="application/json", b64=False):
    return {"rawPath": path, "rawQueryString": query, "requestContext": {"http": {"method": method}},
            "headers": {"content-type": content_type}, "isBase64Encoded": b64,
            "body": base64.b64encode(body.encode()).decode() if b64 else body}


def test_the_fingerprint_is_method_path_query_and_body():
    same = fingerprint(_event('{"title": "A"}'))
    assert fingerprint(_event('{"title": "A"}', b64=True)) == same
    for other in (_event('{"title": "B"}'), _event('{"title": "A"}', method="PUT"),
                  _event('{"title": "A"}', path="/v1/resumes/x/copy"), _event('{"title": "A"}', query="a=1")):
        assert fingerprint(other) != same


def test_a_multipart_body_is_the_same_request_whatever_its_boundary():
    def form(boundary: str, content: str) -> dict:
        body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'
                f"{content}\r\n--{boundary}--\r\n")
        return _event(body, content_type=f"multipart/form-data; boundary={boundary}")

    assert fingerprint(form("aaaa1111", "%PDF-1")) == fingerprint(form('bbbb2222', "%PDF-1"))
    assert fingerprint(form("aaaa1111", "%PDF-1")) != fingerprint(form("aaaa1111", "%PDF-2"))

"""The API describes itself: GET /v1/openapi.json answers the document packaged in the layer, to
anyone, and the devstack's /docs page (Swagger UI, from a package: no CDN) reads it."""

import json
import re
from html.parser import HTMLParser

import requests

from vitae_devstack.openapi import DOCUMENT


class _References(HTMLParser):
    """Every URL a page loads: script sources, stylesheets and icons."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        url = found.get("src") if tag == "script" else found.get("href") if tag == "link" else None
        if url:
            self.urls.append(url)


def test_the_openapi_document_is_served_to_anyone_as_packaged(gateway_url):
    response = requests.get(f"{gateway_url}/v1/openapi.json", timeout=15)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    document = response.json()
    assert document == json.loads(DOCUMENT.read_text())
    assert document["openapi"] == "3.1.0"
    assert document["paths"]["/v1/openapi.json"]["get"]["security"] == [{}]


def test_docs_page_loads_only_local_assets_that_are_served_and_reads_the_document(gateway_url):
    page = requests.get(f"{gateway_url}/docs", timeout=15)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert not re.search(r"https?://|\"//", page.text), "the page names a remote host"
    parser = _References()
    parser.feed(page.text)
    assert len(parser.urls) == 4
    kinds = {}
    for url in parser.urls:
        assert url.startswith("/docs/assets/"), url
        asset = requests.get(f"{gateway_url}{url}", timeout=15)
        assert asset.status_code == 200, url
        assert len(asset.content) > 100, url
        kinds[url.rsplit(".", 1)[1]] = asset.headers["content-type"]
    assert kinds["css"].startswith("text/css")
    assert "javascript" in kinds["js"]
    assert kinds["png"] == "image/png"
    bundle = requests.get(f"{gateway_url}/docs/assets/swagger-ui-bundle.js", timeout=15).text
    assert re.search(r'PACKAGE_VERSION:"5\.', bundle), "Swagger UI 5 or later reads OpenAPI 3.1"
    assert 'url: "/v1/openapi.json"' in page.text
    assert "validatorUrl: null" in page.text  # no call to validator.swagger.io either
    assert requests.get(f"{gateway_url}/docs/", timeout=15).text == page.text
    assert requests.get(f"{gateway_url}/docs/assets/missing.js", timeout=15).status_code == 404

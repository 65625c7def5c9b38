"""Web addresses in what a model writes: only the catalogue's reach users."""

import json

import pytest

from vitae.assistant import catalogue
from vitae.assistant.links import LINK_REMOVED, has_url, without_unknown_links


def test_links_outside_the_catalogue_are_taken_out_of_a_text_and_the_catalogues_kept():
    from vitae.assistant import catalogue
    from vitae.assistant.links import LINK_REMOVED, without_unknown_links

    known = sorted(catalogue.urls())[0]
    text = f"Try {known}, or bit.ly/free-acls (cheap), see https://evil.example/x. Node.js is a skill."
    cleaned, removed = without_unknown_links(text, catalogue.urls())
    assert removed == 2
    assert cleaned == f"Try {known}, or {LINK_REMOVED} (cheap), see {LINK_REMOVED}. Node.js is a skill."


@pytest.mark.parametrize("text", ["He earned a B.Sc. in nursing.", "Save your CV as resume.pdf", "D3.js and Chart.js",
                                  "St.Louis and Ms.Jones", "Node.js, ASP.NET, Vue.js"])
def test_words_with_dots_that_are_no_hosts_are_no_links(text):
    assert not has_url(text)
    assert without_unknown_links(text, frozenset()) == (text, 0)


@pytest.mark.parametrize("text", ["bit.ly/x", "t.co/abc", "acls-prep.net", "курсы-acls.рф", "socket.io"])
def test_hosts_of_known_top_level_domains_are_links(text):
    assert has_url(text)


def test_a_catalogue_link_is_kept_in_any_spelling_and_in_markdown():
    from vitae.assistant import catalogue

    known = sorted(catalogue.urls())[0]  # normalised: ends with its path, "/" at least
    host_only = known.rstrip("/") if known.count("/") == 3 else known
    for text in (f"[the course]({known})", f"<{known}>", f"See {host_only}.", f"See {known.upper()[:8]}{known[8:]}"):
        assert without_unknown_links(text, catalogue.urls()) == (text, 0), text
    assert without_unknown_links(f"[the course](https://evil.example/{known})", catalogue.urls())[1] == 1


def test_a_suggestion_that_would_carry_a_link_is_left_out():
    from vitae.assistant.chat import suggestions

    calls = [{"name": "search_jobs", "arguments": {}, "result": {"jobs": [
        {"id": "1", "title": "Nurse, apply at bit.ly/x", "company": "Shady Staffing"}]}}]
    made = suggestions(calls)
    assert made and not any(has_url(s) or "Shady" in s for s in made)
    clean = suggestions([{**calls[0], "result": {"jobs": [{"id": "2", "title": "ICU Nurse", "company": "St Mary's"}]}}])
    assert "What skills am I missing for the ICU Nurse job at St Mary's?" in clean


@pytest.mark.parametrize("address", [
    "s3.amazonaws.com/evil-bucket/acls.html",  # a public suffix used as a host: path-style S3
    "github.io/x", "blogspot.com/free-acls",
    "nursi.ng/acls", "kubernet.es/free",  # hosts whose dot-less forms are skills' keys
    "x.com",  # a one-letter name
    "evil\\.com/acls", "https\\://evil\\.com",  # Markdown escapes, rendered as addresses
    "evil&#46;com",  # an HTML entity, rendered "evil.com"
    "evil\u00ad.com", "evil.\u200bcom",  # invisible characters
    "evil[.]com", "hxxps[:]//evil[.]com/acls",  # defanged
    "203.0.113.010/acls",  # octal to a browser: 203.0.113.8
])
def test_an_address_outside_the_catalogue_is_taken_out_in_any_disguise(address):
    cleaned, removed = without_unknown_links(f"Free ACLS prep at {address} today.", catalogue.urls())
    assert removed == 1 and cleaned == f"Free ACLS prep at {LINK_REMOVED} today.", cleaned


@pytest.mark.parametrize("sentence", ["Add a README.md to each project on GitHub.", "Run main.py and setup.py.",
                                      "Add a deploy.sh script.", "Edit lib.rs and main.rs in Rust.",
                                      "Write app.ts and Main.java."])
def test_file_names_in_a_reply_are_no_links(sentence):
    assert without_unknown_links(sentence, catalogue.urls()) == (sentence, 0)


def test_a_removed_markdown_link_goes_with_its_brackets():
    assert without_unknown_links("See [course](evil.com) today.", catalogue.urls())[0] == f"See {LINK_REMOVED} today."


def test_a_stored_tool_call_shows_no_address_the_model_wrote():
    from vitae.assistant.chat import call_tool, shown

    done = shown(call_tool(None, "open https://evil.example/acls", {"url": "https://evil.example/acls"}))
    assert not has_url(json.dumps(done)) and done["arguments"] == {"url": LINK_REMOVED}

"""The curated learning catalogue shipped with Vitae (`learning_catalogue.json`) is well formed, and
suggestions find its entries by any spelling the skills vocabulary knows; the request models of the
learning resources refuse what cannot be stored."""
import re
from collections import Counter
from typing import get_args

import pytest
from pydantic import ValidationError

from vitae.assistant import catalogue
from vitae.assistant.models import LearningResourceIn, LearningResourcePatch, normal_url
from vitae.taxonomy.skills import known_skills, skill_fields, skill_key

ENTRIES = catalogue.entries()
KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def test_the_catalogue_is_large_enough_to_serve_the_professions():
    fields = {skill_fields()[skill_key(entry.skill)] for entry in ENTRIES}
    assert len(ENTRIES) >= 150
    for skill in ("Cooking", "Knife Skills", "Food Preparation", "Food Safety", "Kitchen Management", "Baking",
                  "Registered Nurse", "Patient Assessment", "Medication Administration", "Wound Care",
                  "Patient Education"):  # a line cook's and a registered nurse's common skills
        assert catalogue.suggestions(skill), skill
    assert len(catalogue.suggestions("Registered Nurse", limit=50)) >= 2
    for field in ("software and general", "nursing and healthcare", "teaching and education",
                  "accounting and finance", "sales and customer service", "marketing", "design", "human resources",
                  "civil engineering and construction", "logistics and supply chain", "legal", "hospitality"):
        assert field in fields, field


def test_ids_are_unique_and_kebab_case():
    counts = Counter(entry.id for entry in ENTRIES)
    assert [entry_id for entry_id, n in counts.items() if n > 1] == []
    assert [entry.id for entry in ENTRIES if not KEBAB.fullmatch(entry.id)] == []


def test_the_first_entries_keep_their_ids():
    for entry_id, skill in (("acls-aha-overview", "ACLS"), ("pals-aha-overview", "PALS"), ("ccrn-aacn-exam", "CCRN"),
                            ("python-tutorial", "Python"), ("kubernetes-basics", "Kubernetes")):
        entry = catalogue.by_id(entry_id)
        assert entry is not None and entry.skill == skill


def test_every_url_is_https_unique_in_its_normal_spelling_and_one_the_request_model_accepts():
    counts = Counter(normal_url(entry.url) for entry in ENTRIES)
    assert [url for url, n in counts.items() if n > 1] == []
    assert [entry.url for entry in ENTRIES if normal_url(entry.url) != entry.url] == []
    for entry in ENTRIES:
        assert entry.url.startswith("https://"), entry.url
        LearningResourceIn(skill=entry.skill, type=entry.type, title=entry.title, url=entry.url, source=entry.source)
    assert catalogue.urls() == set(counts)


def test_every_entry_has_a_known_type_a_title_a_source_and_a_free_flag():
    for entry in ENTRIES:
        assert entry.type in get_args(catalogue.ResourceType), entry
        assert entry.title.strip() and len(entry.title) <= 300, entry
        assert entry.source.strip() and len(entry.source) <= 200, entry
        assert isinstance(entry.free, bool), entry


def test_every_skill_is_named_as_the_vocabulary_reports_it():
    names = known_skills()
    assert [entry.skill for entry in ENTRIES if names.get(skill_key(entry.skill)) != entry.skill] == []


@pytest.mark.parametrize(("asked", "entry_id"), [
    ("k8s", "kubernetes-basics"), ("Kubernetes", "kubernetes-basics"), ("ICU", "deranged-physiology"),
    ("intensive care unit", "deranged-physiology"), ("RN", "ana-code-of-ethics"), ("postgres", "postgresql-tutorial"),
    ("advanced cardiac life support", "acls-aha-overview"), ("nodejs", "nodejs-learn"), ("GD&T", "asme-y14-5"),
])
def test_suggestions_find_an_entry_by_any_spelling_of_its_skill(asked, entry_id):
    assert entry_id in [entry.id for entry in catalogue.suggestions(asked, limit=50)]


def test_suggestions_put_free_entries_first_and_respect_the_limit():
    found = catalogue.suggestions("Kubernetes", limit=50)
    assert [entry.free for entry in found] == sorted((entry.free for entry in found), reverse=True)
    assert any(not entry.free for entry in found)  # the CKA exam costs
    assert len(catalogue.suggestions("Kubernetes", limit=2)) == 2
    assert catalogue.suggestions("Underwater Basket Weaving") == []


def test_a_resource_is_either_the_callers_own_or_a_catalogue_entry():
    own = LearningResourceIn.model_validate({"skill": "Kubernetes", "type": "course", "title": "LFS158",
                                             "url": "https://example.org/k8s"})
    assert (own.completed, own.bookmarked, own.source) == (False, False, None)
    assert LearningResourceIn.model_validate({"catalogueId": "kubernetes-basics", "bookmarked": True}).bookmarked
    for body in ({"catalogueId": "kubernetes-basics", "url": "https://example.org/other"},  # both forms
                 {"skill": "Kubernetes", "title": "No type nor url"},  # incomplete
                 {"catalogueId": "no-such-entry"},  # unknown id
                 {}):
        with pytest.raises(ValidationError):
            LearningResourceIn.model_validate(body)


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "ftp://example.org/file", "data:text/html,<b>x</b>", "https:///path-without-host",
    "https://exa mple.org", "example.org", "https://example.org/" + "a" * 2000, "file:///etc/passwd",
    "https://:443/course", "https://example.org/course\u0007", "https://docs.python.org@evil.example/tutorial/",
    "https://user@example.org/x", "https://example.org/\u200bx", "https://example.org:65536/", "https:example.org",
    "https://exa<mple.org/", "https://[::zz]/", "https://" + "a" * 64 + ".example/",
])
def test_only_http_addresses_with_a_host_and_nothing_hidden_are_accepted(url):
    with pytest.raises(ValidationError):
        LearningResourceIn.model_validate({"skill": "Python", "type": "course", "title": "T", "url": url})


@pytest.mark.parametrize(("url", "stored"), [
    ("http://example.org", "http://example.org/"),
    ("https://example.org/a?b=c#d", "https://example.org/a?b=c"),
    ("HTTPS://TRAINING.LinuxFoundation.org:443/Certification/", "https://training.linuxfoundation.org/Certification/"),
    ("http://example.org:80?q=1", "http://example.org/?q=1"),
    ("http://example.org:8080/x", "http://example.org:8080/x"),
    ("https://example.org:/x", "https://example.org/x"),
    ("https://Bücher.example/Straße", "https://xn--bcher-kva.example/Straße"),
    ("https://\uff45xample\u3002org/", "https://example.org/"),  # a full-width letter and ideographic full stop
    ("https://[2001:DB8::1]:443/", "https://[2001:db8::1]/"),
    ("  https://example.org/x  ", "https://example.org/x"),
])
def test_an_http_address_is_stored_in_its_normal_spelling(url, stored):
    assert LearningResourceIn.model_validate({"skill": "Python", "type": "course", "title": "T", "url": url}).url \
        == stored
    assert normal_url(stored) == stored  # the normal spelling is its own


@pytest.mark.parametrize("field", ["skill", "title", "source"])
@pytest.mark.parametrize("value", ["\u200b\u200b", "\u202eevil", "Python\u202e course", "a\u2066b\u2069",
                                   "x\u200ey", "\u00ad", "two\nlines", "tab\there", "\u2028"])
def test_free_text_with_invisible_bidi_or_control_characters_is_refused(field, value):
    body = {"skill": "Python", "type": "course", "title": "T", "url": "https://example.org/", field: value}
    with pytest.raises(ValidationError):
        LearningResourceIn.model_validate(body)
    if field != "source":
        with pytest.raises(ValidationError):
            LearningResourcePatch.model_validate({field: value})


def test_free_text_in_any_script_is_kept_with_its_joiners():
    for title in ("Soins infirmiers", "\u770b\u8b77", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
                  "Cooking \U0001f468\u200d\U0001f373"):
        assert LearningResourceIn.model_validate({"skill": "Nursing", "type": "course", "title": title,
                                                  "url": "https://example.org/"}).title == title


@pytest.mark.parametrize("body", [
    {}, {"completed": None}, {"title": None}, {"skill": None}, {"type": None}, {"bookmarked": None},
    {"type": "podcast"}, {"title": " "}, {"skill": "123"}, {"url": "https://example.org"},
])
def test_a_patch_changes_something_and_nulls_nothing(body):
    with pytest.raises(ValidationError):
        LearningResourcePatch.model_validate(body)

"""The curated catalogue of learning resources shipped with Vitae (`learning_catalogue.json`): free,
reputable courses, documentation and guides for the common skills of the professions Vitae serves.
Suggestions (GET /v1/learning-resources/suggestions, a skills gap's resources) come from here and
nowhere else: an LLM never supplies a URL (DESIGN.md 6, "Learning resources").

Each entry: `id` (stable, kebab-case), `skill` (as the vocabulary reports it), `type` (course,
documentation, tutorial, guide, video, book, certification), `title`, `url` (in its normal spelling,
`vitae.assistant.models.normal_url`, as stored resources are; the catalogue's tests hold it), `source` (the
publisher), `free` (whether it can be used without paying; a certification's exam may cost).
Entries are matched to a skill by its vocabulary key (`vitae.taxonomy.skills.skill_key`), so "k8s"
finds Kubernetes' and "ICU" critical care's.
"""

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Literal

from vitae.taxonomy.skills import skill_key

ResourceType = Literal["course", "documentation", "tutorial", "guide", "video", "book", "certification"]


@dataclass(frozen=True)
class CatalogueResource:
    """One entry of the catalogue, as `learning_catalogue.json` writes it (see the module docstring)."""

    id: str
    skill: str
    type: ResourceType
    title: str
    url: str
    source: str
    free: bool


@cache
def entries() -> tuple[CatalogueResource, ...]:
    """Every entry of the catalogue, in file order."""
    data = json.loads(files("vitae.assistant").joinpath("learning_catalogue.json").read_text("utf-8"))
    return tuple(CatalogueResource(**entry) for entry in data)


@cache
def _by_key() -> dict[str, list[CatalogueResource]]:
    index: dict[str, list[CatalogueResource]] = {}
    for entry in entries():
        index.setdefault(skill_key(entry.skill), []).append(entry)
    return index


def suggestions(skill: str, limit: int = 5) -> list[CatalogueResource]:
    """Up to `limit` entries for `skill` (any spelling the vocabulary knows), free ones first, in
    file order otherwise; [] for a skill the catalogue has nothing for."""
    found = _by_key().get(skill_key(skill), [])
    return sorted(found, key=lambda entry: not entry.free)[:limit]


def by_id(entry_id: str) -> CatalogueResource | None:
    """The entry with this id, if any."""
    return next((entry for entry in entries() if entry.id == entry_id), None)


def urls() -> frozenset[str]:
    """Every URL of the catalogue: the only URLs a suggestion may carry."""
    return frozenset(entry.url for entry in entries())

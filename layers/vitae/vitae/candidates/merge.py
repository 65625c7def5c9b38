"""Merging what a source offers (a parsed CV, a GitHub or LinkedIn sync) into a candidate profile.

A merge fills empty fields that the person has never set themselves, and adds entries that are not
there yet (work: same employer, position and start; education: same institution and degree;
skills, certifications and languages: same name, case-insensitively; projects: same name, loosely).
It never changes or removes what is there: the person's edits win, always.
"""

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from vitae.candidates import repository
from vitae.candidates.models import CandidateIn
from vitae.candidates.service import ENTRY_MODELS
from vitae.platform.db import Connection

if TYPE_CHECKING:  # the CV parser's models load only where a CV is parsed, not for the profile syncs
    from vitae.cvparse.schema import CvData

MAX_LINE, MAX_SUMMARY = 500, 5000  # what the API accepts for a highlight and a summary
LINK_LABELS = {"linkedin.com": "LinkedIn", "github.com": "GitHub", "gitlab.com": "GitLab"}


def _norm(value: object) -> str:
    """Names of organisations, titles and degrees, compared loosely ("Acme, Inc." is "ACME Inc")."""
    return re.sub(r"[\W_]+", " ", str(value or "")).strip().casefold()


def _exact(value: object) -> str:
    """Skill and certificate names, compared as the database does ("C++" is not "C#")."""
    return str(value or "").strip().casefold()


def _profile_values(data: "CvData") -> dict[str, Any]:
    basics = data.basics
    first, last = name_parts(basics.name)
    location = basics.location
    url = web_url(basics.url)
    return {
        "first_name": first,
        "last_name": last,
        "phone": basics.phone,
        "location": ", ".join(p for p in (location.city, location.region) if p) or None if location else None,
        "summary": basics.summary[:MAX_SUMMARY] if basics.summary else None,
        "links": [{"label": _link_label(url), "url": url}] if url else None,
    }


def _link_label(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return next((label for domain, label in LINK_LABELS.items() if host.endswith(domain)), "Website")


def _acceptable_fills(values: dict[str, Any]) -> dict[str, Any]:
    """The profile values a person could have entered (a parse stores nothing the API would refuse)."""
    accepted = {}
    for field, value in values.items():
        try:
            CandidateIn.model_validate({field: value})
        except ValidationError:
            continue
        accepted[field] = value
    return accepted


def _valid(model, fields: dict[str, Any]) -> dict[str, Any] | None:
    """The entry as the API would accept it, or None (a parse must not store what a person could not)."""
    try:
        return model.model_validate(fields).model_dump(mode="json")
    except ValidationError:
        return None


def year(date: str | None) -> int | None:
    """The year of a partial ISO date ("2020-01" -> 2020), None for None."""
    return int(date[:4]) if date else None


def name_parts(name: str | None) -> tuple[str | None, str | None]:
    """A full name as (first names, last name): "Ada King Lovelace" -> ("Ada King", "Lovelace")."""
    first, _, last = (name or "").strip().rpartition(" ")
    return first or None, last or None


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(?!\d)")  # "javascript:", not "localhost:8080"


def web_url(value: object) -> str | None:
    """A web address as a profile link: "octo.example" -> "https://octo.example"; None when empty or
    of another scheme than http(s) ("javascript:alert(1)", "mailto:...")."""
    text = str(value or "").strip()
    if not text:
        return None
    if found := _SCHEME.match(text):
        return text if found.group(1).lower() in ("http", "https") else None
    return f"https://{text}"


def _cv_entries(data: "CvData") -> dict[str, list[dict[str, Any]]]:
    return {
        repository.WORK.route: [{
            "companyName": w.name, "jobTitle": w.position, "startDate": w.startDate, "endDate": w.endDate,
            "highlights": [h for h in w.highlights if len(h) <= MAX_LINE][:30]} for w in data.work],
        repository.EDUCATION.route: [{
            "degree": e.studyType or e.area, "university": e.institution,
            "fieldOfStudy": e.area if e.studyType else None,
            "startYear": year(e.startDate), "endYear": year(e.endDate)} for e in data.education],
        repository.SKILLS.route: [{"skillName": s.name} for s in data.skills],
        repository.CERTIFICATIONS.route: [{
            "title": c.name, "issuedBy": c.issuer, "issueDate": c.date} for c in data.certificates],
    }


@dataclass(frozen=True)
class Proposal:
    """What a source (a CV parse, GitHub, a LinkedIn export) offers a profile: `fields`, profile
    values by column (PROFILE_FIELDS: first_name, location, links...); `entries`, per kind route
    ("work-experience", "education", "skills", "certifications", "projects", "languages"), entries
    in their API form (camelCase, as POST /candidates/{id}/<route> takes them). What the API would
    refuse is left out when merged, never stored."""

    fields: dict[str, Any]
    entries: dict[str, list[dict[str, Any]]]


def from_cv(data: "CvData") -> Proposal:
    """A parsed CV as a proposal."""
    return Proposal(_profile_values(data), _cv_entries(data))


@dataclass(frozen=True)
class Merged:
    """What a merge did: `filled`, the profile fields it set; `added`, entries added per kind route;
    `keys`, the identity of each added entry per kind route (what `skip` takes next time)."""

    filled: list[str]
    added: dict[str, int]
    keys: dict[str, list[list[str]]]

    def summary(self) -> dict[str, Any]:
        """{"filled": [...], "added": {route: count}}: what a CV document's `merged` shows."""
        return {"filled": self.filled, "added": self.added}


IDENTITY = {
    repository.WORK: (_norm, ("company_name", "job_title", "start_date")),
    repository.EDUCATION: (_norm, ("university", "degree")),
    repository.SKILLS: (_exact, ("skill_name",)),
    repository.CERTIFICATIONS: (_exact, ("title",)),
    repository.PROJECTS: (_norm, ("name",)),
    repository.LANGUAGES: (_exact, ("language",)),
}
KINDS = {kind.route: kind for kind in IDENTITY}


def into_profile(conn: Connection, candidate: dict[str, Any], proposal: Proposal, source: str = "cv",
                 skip: dict[str, set[tuple[str, ...]]] | None = None) -> Merged:
    """Apply the rules above in the caller's transaction (the candidate row locked). `source` is
    what the added entries record ("cv", "github", "linkedin"); `skip`, per kind route, identities
    this source added before: an entry the person has since edited or deleted is not added again."""
    edited = set(candidate["edited_fields"])
    fills = _acceptable_fills({field: value for field, value in proposal.fields.items()
                               if value and field not in edited and not candidate[field]})
    if fills:
        repository.update_candidate(conn, candidate["id"], fills, edited=[])
    added: dict[str, int] = {}
    keys: dict[str, list[list[str]]] = {}
    for route, proposed in proposal.entries.items():
        kind = KINDS[route]
        compare, identity = IDENTITY[kind]
        seen = {tuple(compare(row[c]) for c in identity) for row in repository.entries(conn, kind, candidate["id"])}
        seen |= (skip or {}).get(kind.route, set())
        keys[kind.route] = []
        for fields in filter(None, (_valid(ENTRY_MODELS[kind][0], entry) for entry in proposed)):
            key = tuple(compare(fields[c]) for c in identity)
            if key not in seen and repository.insert_entry(conn, kind, candidate["id"], fields, source=source):
                seen.add(key)
                keys[kind.route].append(list(key))
        added[kind.route] = len(keys[kind.route])
    return Merged(sorted(fills), added, keys)

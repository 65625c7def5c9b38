"""What a GitHub profile and a LinkedIn export offer a candidate profile, as `merge.Proposal`s (the CV
merge rules then decide what is filled and added: DESIGN.md 6, "Profile sync")."""

import re
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from vitae.candidates.merge import MAX_LINE, Proposal, name_parts, web_url, year
from vitae.profilesync.github import GitHubProfile, skills_and_projects
from vitae.taxonomy.skills import known_skills, skill_key

if TYPE_CHECKING:  # the export reader loads where an export is read, not for a GitHub sync
    from vitae.profilesync.linkedin import LinkedInExport

# A language below this share of a profile's bytes is incidental (a Makefile, a build script): it
# is no skill of the person's. The largest is always kept.
MIN_LANGUAGE_SHARE = 0.01
MAX_KEYWORDS = 30  # what a project's `keywords` hold (the API's limit)
_BULLET = re.compile(r"^\s*(?:[-*\u2022\u25aa\u25cf\u2013]|\d+[.)])\s+")


def github(profile: GitHubProfile) -> Proposal:
    """Skills: the languages of the repositories by bytes (those of at least MIN_LANGUAGE_SHARE), then
    the topics the skills taxonomy knows (by its names: "machine-learning" is Machine Learning);
    projects: one per repository (languages then topics as keywords, stars, last push as endDate);
    fields: name, bio as headline, location, and links to the GitHub profile and the blog."""
    languages, topics, projects = skills_and_projects(profile)
    total = sum(size for _, size in languages) or 1
    skills = [name for index, (name, size) in enumerate(languages) if index == 0 or size / total >= MIN_LANGUAGE_SHARE]
    known = known_skills()
    skills += [known[key] for topic in topics if (key := skill_key(topic.replace("-", " "))) in known]
    user = {key: value for key, value in profile.user.items() if isinstance(value, str)}  # as documented: text
    first, last = name_parts(user.get("name"))
    links = [{"label": "GitHub", "url": url} for url in [web_url(user.get("html_url"))] if url]
    links += [{"label": "Website", "url": url} for url in [web_url(user.get("blog"))] if url]
    return Proposal(
        fields={"first_name": first, "last_name": last, "headline": (user.get("bio") or "").strip() or None,
                "location": (user.get("location") or "").strip() or None, "links": links or None},
        entries={
            "skills": [{"skillName": name} for name in dict.fromkeys(skills)],
            "projects": [{
                "name": p.name, "description": p.description, "url": p.url or None,
                "keywords": list(dict.fromkeys((*p.languages, *p.topics)))[:MAX_KEYWORDS], "stars": p.stars,
                "endDate": p.last_push[:10] if p.last_push else None} for p in projects],
        })


def _lines(text: str | None) -> list[str]:
    """A description as highlights: one per line, bullets taken off, each as long as the API takes."""
    lines = (_BULLET.sub("", line).strip() for line in (text or "").splitlines())
    return [line for line in lines if line and len(line) <= MAX_LINE][:30]


def linkedin(export: "LinkedInExport") -> Proposal:
    """Every part of the export as the profile's fields and entries: positions as work experience
    (the description's lines as highlights), education, skills, certifications (issued on their start),
    languages (with LinkedIn's proficiency as fluency)."""
    p = export.profile
    return Proposal(
        fields={"first_name": p.first_name, "last_name": p.last_name, "headline": p.headline,
                "summary": p.summary, "location": p.location},
        entries={
            "work-experience": [{
                "companyName": w.company, "jobTitle": w.title, "startDate": w.start, "endDate": w.end,
                "location": w.location, "highlights": _lines(w.description)} for w in export.positions],
            "education": [{
                "degree": e.degree or e.field, "university": e.school, "fieldOfStudy": e.field if e.degree else None,
                "startYear": year(e.start), "endYear": year(e.end)} for e in export.education],
            "skills": [{"skillName": name} for name in export.skills],
            "certifications": [{
                "title": c.name, "issuedBy": c.authority, "issueDate": c.start} for c in export.certifications],
            "languages": [{"language": lang.name, "fluency": lang.proficiency} for lang in export.languages],
        })


def linkedin_data(export: "LinkedInExport") -> dict[str, Any]:
    """The export as kept in `linkedinData.export` (JSON)."""
    return asdict(export)


def github_data(profile: GitHubProfile) -> dict[str, Any]:
    """The profile as kept in `githubData`: GitHub's user object and each repository read, with its
    languages (bytes)."""
    return {"user": profile.user, "repositories": [asdict(repo) for repo in profile.repos]}

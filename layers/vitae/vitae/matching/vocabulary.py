"""The matching domain's skill vocabulary as other domains use it (job recommendations compare a
profile's skills with a job's, DESIGN.md 6): the keys of the skills a text names, read as the match
score reads them (`vitae.matching.reading`, over the shared `vitae.taxonomy.skills`), and their names.

Apart from `vitae.matching.service` so that its users load no storage, cache or rate limiter.
"""

from collections.abc import Iterable

from vitae.matching.reading import read
from vitae.taxonomy.skills import known_skills, skill_key


def skill_keys(text: str, names: Iterable[str] = ()) -> list[str]:
    """The skills `text` names, as keys of the one shared vocabulary ("Postgres" and "PostgreSQL"
    are one key), in the order first named, once each; `names` (skills as listed, a job's
    `skills[]`) add their keys even when the vocabulary does not know them (their normalised
    spelling)."""
    keys = [mention.key for mention in read(text, requirements=False, sections=False).mentions]
    keys += [skill_key(name) for name in names]
    return list(dict.fromkeys(key for key in keys if key))


def skill_name(key: str) -> str | None:
    """The name a skill key of the vocabulary is reported by ("postgresql" -> "PostgreSQL"); None
    for a key the vocabulary does not know."""
    return known_skills().get(key)

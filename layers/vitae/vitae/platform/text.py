"""Text PostgreSQL cannot store: the NUL character (U+0000), which neither `text` nor `jsonb`
holds. Input that carries one is refused at the edge (`vitae.platform.http`, 400) and by event
consumers (`vitae.platform.consumers`, a poison message); text Vitae extracts or reads itself (CV
parsing, GitHub's answers, LinkedIn exports) has it removed (`without_nul`)."""

import json
from typing import Any

NUL = "\x00"
_ESCAPED_NUL = "\\u0000"  # how json.dumps writes a NUL character
# json.dumps(data, default=str) builds a JSONEncoder per call; one, reused, writes the same text.
_SCREEN = json.JSONEncoder(default=str)


def nul_at(data: Any, path: str = "") -> str | None:
    """Where the first string in `data` (JSON-like: dicts, lists, tuples, strings) holding a NUL
    character is, dictionary keys included, as a dotted path ("sections.0.items.1.name", `path`
    for `data` itself); None when there is none.

    Screened first by `json.dumps` in one pass in C (it writes every NUL of a string, key or value,
    as \\u0000; a string holding that text itself only sends the data to the walk below): most data
    holds none, and only data that may, or that json.dumps cannot write, is walked. Values the walk does
    not look into (a UUID, a datetime of a validated model) are screened as their text, so they do not
    send the data to the walk; at worst such text holding a NUL sends it there for nothing."""
    try:
        if _ESCAPED_NUL not in _SCREEN.encode(data):
            return None
    except Exception:  # tuple keys, cycles, absurd depth, a str() that fails: walked as ever
        pass
    pending = [(path, data)]
    while pending:
        where, item = pending.pop()
        if isinstance(item, str):
            if NUL in item:
                return where
        elif isinstance(item, dict):
            for key, value in item.items():
                inner = f"{where}.{key}" if where else str(key)
                pending.extend([(inner, key), (inner, value)])
        elif isinstance(item, list | tuple):
            pending.extend((f"{where}.{index}" if where else str(index), value) for index, value in enumerate(item))
    return None


def without_nul(data: Any) -> Any:
    """`data` (JSON-like: dicts, lists, tuples, strings, other scalars) with every NUL character taken
    out of its strings, dictionary keys included; lists and tuples come back as lists."""
    if isinstance(data, str):
        return data.replace(NUL, "")
    if isinstance(data, dict):
        return {without_nul(key): without_nul(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [without_nul(item) for item in data]
    return data

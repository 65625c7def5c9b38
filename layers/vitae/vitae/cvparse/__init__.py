"""The heuristic CV parser: PDF or DOCX bytes in, a JSON Resume shaped CvData out, with a
confidence per field. It is the fallback when the LLM pass is unavailable and the text source of
that pass.

Imports stay light: API functions import this package, so pdfplumber, python-docx, phonenumbers
and rapidfuzz load only when a document is actually parsed or matched.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vitae.cvparse.intake import MAX_DOCX_UNPACKED_BYTES, MAX_PAGES
    from vitae.cvparse.schema import CvData, DocumentRejected, ParseResult

__all__ = ["MAX_DOCX_UNPACKED_BYTES", "MAX_PAGES", "CvData", "DocumentRejected", "ParseResult",
           "key_skill_coverage", "parse_document"]

# The package's names, loaded when first asked for (PEP 562): importing a module of the package
# ("vitae.cvparse.dates" for the matching domain's reading of job ads) runs this file, and the
# schema's pydantic models (~90 ms CPU) are no part of what such a module needs.
_LAZY = {"MAX_DOCX_UNPACKED_BYTES": "vitae.cvparse.intake", "MAX_PAGES": "vitae.cvparse.intake",
         "CvData": "vitae.cvparse.schema", "DocumentRejected": "vitae.cvparse.schema",
         "ParseResult": "vitae.cvparse.schema"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def parse_document(data: bytes) -> ParseResult:
    """Parse a CV. Raises DocumentRejected (checked before any expensive work where the bytes allow)
    for files of another type, encrypted or image-only PDFs, more than MAX_PAGES pages, a DOCX
    unpacking to more than MAX_DOCX_UNPACKED_BYTES, and damaged files."""
    from vitae.cvparse.parser import parse_document as parse

    return parse(data)


def read_text(data: bytes) -> str:
    """The text of a PDF or DOCX, line by line as the CV parser reads it, without parsing it as a
    CV (and without a CV's minimum of text: a short document gives its short text). Raises
    DocumentRejected as parse_document does, except for "no_text"."""
    from vitae.cvparse.parser import read_lines

    return "\n".join(line.as_written for line in read_lines(data)[1])


def key_skill_coverage(text: str, key_skills: list[str], job_description: str | None = None) -> dict[str, Any]:
    """{"present": [...], "missing": [...]}: the key skills (as spelled by the caller, in their
    order) that the CV text shows or not. With no key skills, they are the known skills the job
    description mentions."""
    from vitae.cvparse.skills import key_skill_coverage as coverage

    return coverage(text, key_skills, job_description)

"""A resume's import and export bodies (JSON Resume documents, PDF links), apart from the other
resume models: only their routes declare them."""

from typing import Literal

from pydantic import RootModel

from vitae.platform.api import ApiModel
from vitae.resumes.models import Template


class JsonResumeDocument(RootModel[dict]):
    """A JSON Resume document, read field by field by the importer."""


class ExportQuery(ApiModel):
    format: Literal["json", "pdf"] = "json"
    template: Template | None = None  # the resume's own template by default


class ExportLink(ApiModel):
    format: Literal["pdf"]
    template: str
    url: str
    expires_in: int


class ExportAnswer(RootModel[ExportLink | JsonResumeDocument]):
    """What an export answers (200): `format=pdf` a short-lived download link to the PDF, stored
    under exports/; `format=json` the JSON Resume document itself."""



"""Text fields and dated entries that resumes and candidate profiles share (JSON Resume's shapes):
kept apart from either domain's models, so that one does not load the other's at import."""

from typing import Annotated, Self

from pydantic import AfterValidator, StringConstraints, model_validator

from vitae.platform.api import ApiModel
from vitae.platform.validation import Matching, PartialDate

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Url = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000),
                Matching(r"^https?://[^\s/$.?#][^\s]*$", "must be an http or https URL")]


def _year_in_range(value: str) -> str:
    if not 1900 <= int(value[:4]) <= 2100:  # a PartialDate: YYYY first
        raise ValueError("year must be between 1900 and 2100")
    return value


ResumeDate = Annotated[PartialDate, AfterValidator(_year_in_range)]


class Dated(ApiModel):
    """An entry with an optional start and end (partial dates, years 1900 to 2100), the end not
    before the start."""

    start_date: ResumeDate | None = None
    end_date: ResumeDate | None = None

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Self:
        if self.start_date and self.end_date and self.end_date < self.start_date[: len(self.end_date)]:
            raise ValueError("endDate is before startDate")
        return self

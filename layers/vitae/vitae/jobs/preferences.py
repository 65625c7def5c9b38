"""Job-search preferences: the one jobs shape another domain keeps (the resumes domain saves it with a
user's preferences), kept apart from the jobs models so that loading it does not load them."""

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from vitae.platform.api import ApiModel

JobType = Literal["full_time", "part_time", "contract", "temporary", "internship", "freelance"]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]


def _once_each[T](values: list[T]) -> list[T]:
    return list(dict.fromkeys(values))


class JobSearch(ApiModel):
    """Job-search preferences (seed [G] `profiles.job_preferences`), saved with the user's
    preferences (`jobSearch` of /v1/user-preferences) and honoured by GET /v1/jobs/recommendations:
    jobs in one of `locations` (a part of the job's location, any case) or, when `remote` is true,
    remote ones anywhere (with no `locations`: remote ones only); `remote` false leaves remote jobs
    out, null is no preference; `jobTypes`: only jobs of these types (empty: any)."""

    locations: Annotated[list[Line], Field(max_length=10), AfterValidator(_once_each)] = Field(default_factory=list)
    remote: bool | None = None
    job_types: Annotated[list[JobType], Field(max_length=6), AfterValidator(_once_each)] = Field(
        default_factory=list)

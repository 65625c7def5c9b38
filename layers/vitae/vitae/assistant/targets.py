"""What a tailoring or a skills gap aims at: a catalogue job or a pasted description, as one text the
matching domain's reader reads as requirements, with the role's title."""

import uuid
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Target:
    """A job to aim at: `title` (None when a pasted description gave none), `text` (title,
    description, requirements and skills, one per line: what the matching scorer reads as
    requirements), `skills` (listed by the job), `job_id` (a catalogue job's)."""

    title: str | None
    text: str
    skills: list[str] = field(default_factory=list)
    job_id: uuid.UUID | None = None


def catalogue_job(job_id: uuid.UUID) -> Target:
    """A catalogue job as a Target; NotFound when there is no such job."""
    from vitae.jobs import service as jobs

    job = jobs.get_job(str(job_id))
    lines = [job.title, job.description or "", *(f"Required: {r}" for r in job.requirements)]
    if job.skills:
        lines.append("Skills: " + ", ".join(job.skills))
    return Target(title=job.title, text="\n".join(line for line in lines if line), skills=list(job.skills),
                  job_id=job.id)


def described(description: str, title: str | None = None) -> Target:
    """A pasted description as a Target: its text as it is (data, never instructions), titled by
    `title` or, without one, by nothing."""
    return Target(title=title, text=description if title is None else f"{title}\n{description}")

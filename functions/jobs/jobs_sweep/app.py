"""Every 10 minutes: reads again the skill keys of jobs read by an older reading, then embeds the jobs
whose embedding is missing or stale (Ollama was away, the model changed, the job was updated)."""

from vitae.jobs import embeddings, service
from vitae.platform.observability import inject_request_context


@inject_request_context
def handler(event, context):
    return {"skillKeys": service.refresh_skill_keys(),
            "embedded": embeddings.embed_missing(time_left=lambda: context.get_remaining_time_in_millis() / 1000)}

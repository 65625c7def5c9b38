"""The assistant worker: chat replies and AI jobs (tailored resumes, skills gaps), through a queue."""

from vitae.assistant import worker
from vitae.platform.observability import inject_request_context


@inject_request_context
def handler(event, context):
    return worker.handle(event)

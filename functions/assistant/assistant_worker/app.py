"""The assistant worker: chat replies and AI jobs (tailored resumes, skills gaps), through a queue."""

from vitae.assistant import worker
from vitae.platform.observability import logger


@logger.inject_lambda_context(clear_state=True)
def handler(event, context):
    return worker.handle(event)

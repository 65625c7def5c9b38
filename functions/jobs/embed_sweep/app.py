"""Every 10 minutes: embeds the jobs that have no embedding by the current model."""

from vitae.jobs import embeddings
from vitae.platform.observability import logger


@logger.inject_lambda_context(clear_state=True)
def handler(event, context):
    return {"embedded": embeddings.embed_missing()}

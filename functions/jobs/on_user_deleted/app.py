"""Consumer of `user.deleted`: the embedding recommendations kept of the user's profile goes too."""

from vitae.jobs import embeddings
from vitae.platform import consumers
from vitae.platform.observability import logger

EVENT_TYPES = frozenset({"user.deleted"})


@logger.inject_lambda_context(clear_state=True)
def handler(event, context):
    return consumers.consume(event, "jobs.forget_user", embeddings.forget_user, EVENT_TYPES)

"""Consumer of `user.deleted`: the embedding recommendations kept of the user's profile goes too."""

from vitae.jobs import embeddings
from vitae.platform import consumers
from vitae.platform.observability import inject_request_context

EVENT_TYPES = frozenset({"user.deleted"})


@inject_request_context
def handler(event, context):
    return consumers.consume(event, "jobs.forget_user", embeddings.forget_user, EVENT_TYPES)

"""POST /v1/learning-resources: save `{skill, type, title, url, source?}` or a catalogue entry
`{catalogueId}`, either with `completed?` and `bookmarked?` (201); 409 when the caller already saved
that url, 404 for a caller who has not registered."""

from vitae.assistant import learning
from vitae.assistant.models import LearningResourceIn, LearningResourceView
from vitae.platform import idempotency
from vitae.platform.http import Request, endpoint


@endpoint(body=LearningResourceIn, response=LearningResourceView, status=201, idempotency=idempotency.by_key,
          errors=(404, 409))
def handler(request: Request) -> LearningResourceView:
    return learning.create_resource(request.caller, request.body)

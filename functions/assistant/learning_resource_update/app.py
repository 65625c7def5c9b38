"""PATCH /v1/learning-resources/{id}: `{completed?, bookmarked?, title?, skill?, type?}` (none null)."""

from vitae.assistant import learning
from vitae.assistant.models import LearningResourcePatch, LearningResourceView
from vitae.platform.http import Request, endpoint


@endpoint(body=LearningResourcePatch, response=LearningResourceView)
def handler(request: Request) -> LearningResourceView:
    return learning.update_resource(request.caller, request.path_params["id"], request.body)

"""GET /v1/learning-resources?skill=&completed=&bookmarked=&limit=&cursor=: the caller's learning
resources, newest first, paginated."""

from vitae.assistant import learning
from vitae.assistant.models import LearningResourcePage, LearningResourceQuery
from vitae.platform.http import Request, endpoint


@endpoint(query=LearningResourceQuery, response=LearningResourcePage)
def handler(request: Request) -> LearningResourcePage:
    return learning.list_resources(request.caller, request.query)

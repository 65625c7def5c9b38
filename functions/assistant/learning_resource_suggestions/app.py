"""GET /v1/learning-resources/suggestions?skill=&limit=: resources for a skill from the curated
catalogue shipped with Vitae (never from an LLM), each marked `saved` when the caller has its url."""

from vitae.assistant import learning
from vitae.assistant.models import LearningSuggestions, SuggestionQuery
from vitae.platform.http import Request, endpoint


@endpoint(query=SuggestionQuery, response=LearningSuggestions)
def handler(request: Request) -> LearningSuggestions:
    return learning.suggestions(request.caller, request.query)

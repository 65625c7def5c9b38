"""GET /v1/jobs/recommendations: the catalogue jobs that best fit the caller's profile (or default
resume) and job-search preferences, each with its reasons (seed [G])."""

from vitae.jobs import recommendations
from vitae.jobs.models import RecommendationList, RecommendationQuery
from vitae.platform.http import Request, endpoint


@endpoint(query=RecommendationQuery, response=RecommendationList, errors=(409,))
def handler(request: Request) -> RecommendationList:
    return recommendations.recommend(request.caller, request.query, request.source_ip)

"""POST /v1/user-preferences: create or update; the fields sent replace the saved ones."""

from vitae.platform.http import Request, endpoint
from vitae.resumes import service
from vitae.resumes.preferences import Preferences, PreferencesPatch


@endpoint(body=PreferencesPatch, response=Preferences)
def handler(request: Request) -> Preferences:
    return service.save_preferences(request.caller, request.body)

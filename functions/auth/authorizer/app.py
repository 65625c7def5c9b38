"""HTTP API Lambda REQUEST authorizer (payload 2.0, simple responses): Vitae access tokens, and
RS256 tokens of the configured external OIDC issuer (Keycloak), whose subject is the user's
external id.

A token passes when its signature, claims and subject are valid (a UUID for Vitae tokens), Redis
has not marked its session revoked or its user deleted, and the database confirms its session or
user (`vitae.auth.admission`). When the database does not answer in time a Vitae token passes on
its signature and the Redis marks (the route then answers 503 if it needs the database); a token of
the external issuer fails the authorization, since only the database knows whose it is."""

from vitae.auth.admission import admit
from vitae.platform.auth import access_revoked, bearer_token
from vitae.platform.errors import Unavailable
from vitae.platform.observability import logger
from vitae.platform.tokens import InvalidToken, verify_token


@logger.inject_lambda_context(clear_state=True)
def handler(event, context):
    token = bearer_token(event.get("headers") or {})
    if token is None:
        return {"isAuthorized": False}
    try:
        principal = verify_token(token)
    except InvalidToken as exc:
        logger.info("token refused", extra={"reason": str(exc), "routeArn": event.get("routeArn")})
        return {"isAuthorized": False}
    if access_revoked(principal):
        logger.info("token of a revoked session or deleted user refused", extra={"sessionId": principal.session_id})
        return {"isAuthorized": False}
    try:
        admitted = admit(principal)
    except Unavailable as exc:
        if principal.external_id:
            raise
        logger.warning("token admitted without the database", extra={"error": exc.reason})
        admitted = principal
    if admitted is None:
        logger.info("token of an unknown or ended session, or of a deleted user, refused",
                    extra={"sessionId": principal.session_id})
        return {"isAuthorized": False}
    return {"isAuthorized": True, "context": admitted.as_context()}

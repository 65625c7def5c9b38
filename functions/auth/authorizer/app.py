"""HTTP API Lambda REQUEST authorizer (payload 2.0, simple responses): Vitae access tokens, and
RS256 tokens of the configured external OIDC issuer (Keycloak), whose subject is the user's
external id."""

from dataclasses import replace

from vitae.platform.auth import bearer_token, session_revoked
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
    if principal.session_id and session_revoked(principal.session_id):
        logger.info("token of a revoked session refused", extra={"sessionId": principal.session_id})
        return {"isAuthorized": False}
    if principal.external_id:
        from vitae.users.identity import user_id_for_external

        principal = replace(principal, user_id=user_id_for_external(principal.external_id) or principal.user_id)
    return {"isAuthorized": True, "context": principal.as_context()}

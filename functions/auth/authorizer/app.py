"""HTTP API Lambda REQUEST authorizer (payload 2.0, simple responses) for Vitae access tokens."""

from vitae.platform.auth import InvalidToken, verify_access_token
from vitae.platform.observability import logger


@logger.inject_lambda_context(clear_state=True)
def handler(event, context):
    header = (event.get("headers") or {}).get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return {"isAuthorized": False}
    try:
        principal = verify_access_token(token.strip())
    except InvalidToken as exc:
        logger.info("token refused", extra={"reason": str(exc), "routeArn": event.get("routeArn")})
        return {"isAuthorized": False}
    return {"isAuthorized": True, "context": principal.as_context()}

"""Internal callers: other services, on routes API Gateway leaves public so that they can reach them
without a user's token (seed [U]'s X-Internal-Token)."""

import hmac
from collections.abc import Mapping

from vitae.platform.auth import Role, bearer_token
from vitae.platform.config import internal_token
from vitae.platform.tokens import InvalidToken, verify_access_token


def internal_caller(headers: Mapping[str, str]) -> bool:
    """An internal service: the shared X-Internal-Token, or a Vitae token with the service role.
    For routes that API Gateway leaves public so that both kinds of caller can reach them."""
    offered = headers.get("x-internal-token")
    if offered:
        return hmac.compare_digest(offered.encode(), internal_token().encode())
    token = bearer_token(headers)
    if token is None:
        return False
    try:
        return verify_access_token(token).role == Role.SERVICE
    except InvalidToken:
        return False

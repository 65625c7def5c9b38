"""Scheduled every hour: deletes Idempotency-Key records past their expiry (IDEMPOTENCY_KEY_TTL_SECONDS)."""

from vitae.platform import idempotency
from vitae.platform.observability import inject_request_context, logger

BATCH = 1000


@inject_request_context
def handler(event, context):
    total = 0
    while deleted := idempotency.purge_expired(BATCH):
        total += deleted
        if deleted < BATCH:
            break
    logger.info("expired idempotency keys deleted", extra={"deleted": total})
    return {"deleted": total}

"""Consumer of S3 notifications for avatars uploaded through a presigned POST: checks the object
as a direct upload would, then makes it the user's avatar or deletes it."""

import json
from urllib.parse import unquote_plus

from vitae.platform.observability import flush_metrics, logger
from vitae.users import service


@logger.inject_lambda_context(clear_state=True)
def handler(event, context):
    failures = []
    for message in event["Records"]:
        try:
            notification = json.loads(message["body"])
            for record in notification.get("Records", []):  # none in S3's s3:TestEvent
                obj = record["s3"]["object"]
                key = unquote_plus(obj["key"])
                outcome = service.complete_avatar_upload(key, int(obj["size"]), obj.get("sequencer", ""))
                logger.info("avatar upload processed", extra={"key": key, "outcome": outcome})
        except Exception:
            logger.exception("avatar upload processing failed", extra={"messageId": message["messageId"]})
            failures.append({"itemIdentifier": message["messageId"]})
    flush_metrics()
    return {"batchItemFailures": failures}

"""A test function that answers with the event it received, or with bytes when asked."""

import base64
import json
import time


def handler(event, context):
    query = event.get("queryStringParameters") or {}
    if "sleep" in query:
        time.sleep(float(query["sleep"]))
    if "fail" in query:
        raise RuntimeError("boom")
    if "raw" in query:
        return {"statusCode": 200, "headers": {"content-type": "application/octet-stream"},
                "isBase64Encoded": True, "body": event.get("body", "")}
    if "plain" in query:
        return {"echo": True}
    return {"statusCode": 201, "headers": {"content-type": "application/json", "x-fn": context.function_name},
            "cookies": ["a=1; Path=/", "b=2; Path=/"], "body": json.dumps(event)}


def decode(event) -> bytes:
    return base64.b64decode(event["body"]) if event["isBase64Encoded"] else event["body"].encode()

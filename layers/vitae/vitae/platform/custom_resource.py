"""CloudFormation custom resource protocol: answer the pre-signed ResponseURL with the outcome."""

import json
import urllib.request
from typing import Any


def is_request(event: dict[str, Any]) -> bool:
    return "RequestType" in event and "ResponseURL" in event


def respond(event: dict[str, Any], context: Any, status: str, data: dict[str, Any] | None = None,
            reason: str | None = None) -> dict[str, Any]:
    body = {
        "Status": status,
        "Reason": (reason or f"See CloudWatch log stream {getattr(context, 'log_stream_name', '')}")[:1000],
        "PhysicalResourceId": event.get("PhysicalResourceId") or f"{event['StackId']}/{event['LogicalResourceId']}",
        "StackId": event["StackId"],
        "RequestId": event["RequestId"],
        "LogicalResourceId": event["LogicalResourceId"],
        "Data": data or {},
    }
    payload = json.dumps(body).encode()
    request = urllib.request.Request(
        event["ResponseURL"], data=payload, method="PUT",
        headers={"content-type": "", "content-length": str(len(payload))},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()
    return body

"""A test authorizer: "Bearer good" passes with a fixed principal that says how often it ran."""

calls = []


def handler(event, context):
    calls.append(event["identitySource"])
    if event["identitySource"] == ["Bearer good"]:
        return {"isAuthorized": True, "context": {"userId": "u-1", "role": "user", "calls": len(calls)}}
    return {"isAuthorized": False}

"""A test authorizer: "Bearer good" passes with a fixed principal; it counts its invocations."""

calls = []


def handler(event, context):
    calls.append(event["identitySource"])
    if event["identitySource"] == ["Bearer good"]:
        return {"isAuthorized": True, "context": {"userId": "u-1", "role": "user"}}
    return {"isAuthorized": False}

"""Applies pending migrations. In AWS a CloudFormation custom resource runs it on every deploy;
invoked directly (vitae-dev invoke Migrate) it just migrates and reports."""

from vitae.platform import custom_resource
from vitae.platform.migrations import apply_migrations
from vitae.platform.observability import inject_request_context, logger


@inject_request_context
def handler(event, context):
    if not custom_resource.is_request(event):
        return {"applied": apply_migrations()}
    if event["RequestType"] == "Delete":  # the schema outlives the stack's migrate resource
        return custom_resource.respond(event, context, "SUCCESS", {"applied": ""})
    try:
        applied = apply_migrations()
    except Exception as exc:
        logger.exception("migration failed")
        return custom_resource.respond(event, context, "FAILED", reason=f"migration failed: {exc}")
    return custom_resource.respond(event, context, "SUCCESS", {"applied": ",".join(applied)})

"""Creates the template's buckets, queues, bus, rules and topics on the local AWS endpoint
(LocalStack or moto's server). Idempotent: running it again finds what exists."""

from __future__ import annotations

import contextlib
import json
from functools import cached_property
from typing import Any

import boto3

from vitae_devstack.template import Stack

# Resources with no local behaviour to emulate (IAM, logs, alarms, the API itself, the layer...).
# The gateway reads the API's routes, integrations and authorizer from the templates themselves.
PASSIVE = {
    "AWS::Serverless::LayerVersion", "AWS::Logs::LogGroup", "AWS::SQS::QueuePolicy", "AWS::S3::BucketPolicy",
    "AWS::SNS::Subscription", "AWS::CloudWatch::Alarm", "Custom::Migrate", "AWS::Lambda::EventSourceMapping",
    "AWS::Lambda::Permission", "AWS::IAM::Role", "AWS::IAM::ManagedPolicy", "AWS::ApiGatewayV2::Api",
    "AWS::ApiGatewayV2::Stage", "AWS::ApiGatewayV2::Authorizer", "AWS::ApiGatewayV2::Route",
    "AWS::ApiGatewayV2::Integration",
}


class Provisioner:
    """Creates a template's S3 buckets (with their queue notifications), SQS queues, event bus and rules, and
    SNS topics on the local AWS endpoint, and writes the secrets the functions read from SSM."""
    def __init__(self, region: str):
        self.region = region

    def client(self, service: Any) -> Any:
        """A boto3 client of `service` in this region (the endpoint comes from AWS_ENDPOINT_URL)."""
        return boto3.client(service, region_name=self.region)

    @cached_property
    def s3(self):
        """S3 with path-style addressing: local endpoints have no per-bucket host names."""
        from botocore.config import Config

        return boto3.client("s3", region_name=self.region, config=Config(s3={"addressing_style": "path"}))

    @cached_property
    def sqs(self):
        """The SQS client."""
        return self.client("sqs")

    @cached_property
    def events(self):
        """The EventBridge client."""
        return self.client("events")

    @cached_property
    def sns(self):
        """The SNS client."""
        return self.client("sns")

    @cached_property
    def ssm(self):
        """The SSM client (the functions' secrets)."""
        return self.client("ssm")

    def put_secret(self, name: str, value: str) -> None:
        """A SecureString parameter, as the deployment guide has operators create them in AWS."""
        self.ssm.put_parameter(Name=name, Value=value, Type="SecureString", Overwrite=True)

    def delete_secret(self, name: str) -> None:
        """Remove the parameter if it exists: the functions then see the secret as not configured."""
        with contextlib.suppress(self.ssm.exceptions.ParameterNotFound):
            self.ssm.delete_parameter(Name=name)

    def create(self, stack: Stack, logical_id: str, resource: dict[str, Any]) -> dict[str, Any] | None:
        """The local attributes (`Ref`, `Arn`, `QueueUrl`...) of a resource after creating it, None for
        resources with no local behaviour (PASSIVE) or whose condition is false; NotImplementedError
        for a type the devstack cannot emulate."""
        kind = resource["Type"]
        props = resource.get("Properties", {})
        if "Condition" in resource and not stack.condition(resource["Condition"]):
            return None
        match kind:
            case "AWS::S3::Bucket":
                return self._bucket(stack, logical_id, props)
            case "AWS::SQS::Queue":
                return self._queue(stack, logical_id, props)
            case "AWS::Events::EventBus":
                name = stack.resolve(props["Name"])
                try:
                    arn = self.events.create_event_bus(Name=name)["EventBusArn"]
                except self.events.exceptions.ResourceAlreadyExistsException:
                    arn = self.events.describe_event_bus(Name=name)["Arn"]
                return {"Ref": name, "Name": name, "Arn": arn}
            case "AWS::Events::Rule":
                return self._rule(stack, logical_id, props)
            case "AWS::SNS::Topic":
                arn = self.sns.create_topic(Name=f"{stack.name}-{logical_id}")["TopicArn"]
                return {"Ref": arn, "TopicArn": arn, "TopicName": arn.rsplit(":", 1)[1]}
        if kind not in PASSIVE:
            raise NotImplementedError(f"the devstack cannot create {kind} ({logical_id})")
        return None

    def _bucket(self, stack: Stack, logical_id: str, props: dict[str, Any]) -> dict[str, Any]:
        name = stack.resolve(props.get("BucketName")) or f"{stack.name}-{logical_id}".lower()
        existing = {b["Name"] for b in self.s3.list_buckets().get("Buckets", [])}
        if name not in existing:
            self.s3.create_bucket(Bucket=name)
        queue_configs = props.get("NotificationConfiguration", {}).get("QueueConfigurations", [])
        if queue_configs:
            self.s3.put_bucket_notification_configuration(Bucket=name, NotificationConfiguration={
                "QueueConfigurations": [self._notification(stack, c) for c in queue_configs],
            })
        return {"Ref": name, "Arn": f"arn:aws:s3:::{name}", "DomainName": f"{name}.s3.amazonaws.com"}

    @staticmethod
    def _notification(stack: Stack, config: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"QueueArn": stack.resolve(config["Queue"]), "Events": [config["Event"]]}
        rules = config.get("Filter", {}).get("S3Key", {}).get("Rules", [])
        if rules:
            out["Filter"] = {"Key": {"FilterRules": [{"Name": r["Name"], "Value": r["Value"]} for r in rules]}}
        return out

    def _queue(self, stack: Stack, logical_id: str, props: dict[str, Any]) -> dict[str, Any]:
        name = stack.resolve(props.get("QueueName")) or f"{stack.name}-{logical_id}"
        attributes: dict[str, str] = {}
        for key in ("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds", "ReceiveMessageWaitTimeSeconds"):
            if key in props:
                attributes[key] = str(stack.resolve(props[key]))
        if "RedrivePolicy" in props:
            attributes["RedrivePolicy"] = json.dumps(stack.resolve(props["RedrivePolicy"]))
        url = self.sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
        if attributes:  # create_queue leaves an existing queue's attributes as they were
            self.sqs.set_queue_attributes(QueueUrl=url, Attributes=attributes)
        arn = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        return {"Ref": url, "QueueUrl": url, "Arn": arn, "QueueName": name}

    def _rule(self, stack: Stack, logical_id: str, props: dict[str, Any]) -> dict[str, Any] | None:
        if "EventPattern" not in props:
            return None  # schedules are fired by the event pump
        name = f"{stack.name}-{logical_id}"
        bus = stack.resolve(props.get("EventBusName", "default"))
        arn = self.events.put_rule(
            Name=name, EventBusName=bus, EventPattern=json.dumps(stack.resolve(props["EventPattern"])),
            State="ENABLED",
        )["RuleArn"]
        targets = [{"Id": t["Id"], "Arn": stack.resolve(t["Arn"])} for t in props.get("Targets", [])]
        if targets:
            self.events.put_targets(Rule=name, EventBusName=bus, Targets=targets)
        return {"Ref": name, "Arn": arn}

"""Critical-error alerts (SNS, moto in-process) when Redis, which keeps their window, is not configured."""

import json
import uuid

from moto import mock_aws


def test_without_a_redis_url_alerts_are_published_once_per_window_from_memory(monkeypatch):
    import boto3

    from vitae.platform import alerts, cache, config

    for name in ("AWS_ENDPOINT_URL", "REDIS_URL", "REDIS_URL_PARAM"):
        monkeypatch.delenv(name, raising=False)
    with mock_aws():
        sns, sqs = boto3.client("sns", region_name="us-east-1"), boto3.client("sqs", region_name="us-east-1")
        topic = sns.create_topic(Name="alerts")["TopicArn"]
        queue = sqs.create_queue(QueueName="alerts")["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
        monkeypatch.setenv("ALERTS_TOPIC_ARN", topic)
        for cached in (config.settings, cache.client, alerts._sns):
            cached.cache_clear()
        where = f"test {uuid.uuid4()}"
        try:
            raise ValueError("order 17 could not be read")
        except ValueError as error:
            published = [alerts.critical(where, error), alerts.critical(where, error)]
        messages = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
    monkeypatch.undo()
    for cached in (config.settings, cache.client, alerts._sns):
        cached.cache_clear()
    assert published == [True, False]
    (message,) = messages
    assert json.loads(json.loads(message["Body"])["Message"])["where"] == where

"""Emulates Lambda's event-source mappings and schedules for the template's functions.

For each SQS mapping it long-polls the queue, hands the function a batch (batch size and window
from the template), deletes the messages that succeeded and leaves the others for redelivery,
honouring `batchItemFailures`. SQS itself moves a message to the DLQ once its receive count passes
the queue's maxReceiveCount. Failed messages come back after `retry_delay_seconds` (the visibility
timeout in AWS; shorter locally so a retry does not keep a developer waiting).
"""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC, datetime
from typing import Any

import boto3

from vitae_devstack.runtime import InvocationError, Runtime
from vitae_devstack.template import QueueMapping, Schedule, Stack

SQS_RECEIVE_MAX = 10


class EventPump:
    """Lambda's event-source mappings and schedules for `stack`'s functions, run by `runtime` in
    background threads."""
    def __init__(self, stack: Stack, runtime: Runtime, region: str, retry_delay_seconds: int = 2,
                 poll_seconds: int = 1):
        self.stack = stack
        self.runtime = runtime
        self.retry_delay = retry_delay_seconds
        self.poll_seconds = poll_seconds
        self.sqs = boto3.client("sqs", region_name=region)
        self.region = region
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    # -- SQS -----------------------------------------------------------------------------------

    def poll_once(self, mapping: QueueMapping, wait_seconds: int = 0) -> dict[str, int]:
        """Receive one batch, run the function on it, settle each message. Returns the counts."""
        url = mapping.queue_url
        messages = self._receive(url, mapping, wait_seconds)
        if not messages:
            return {"received": 0, "succeeded": 0, "failed": 0}
        event = {"Records": [self._record(m, mapping.queue_arn) for m in messages]}
        try:
            result = self.runtime.invoke(mapping.function, event)
            failed = set()
            if mapping.reports_failures and isinstance(result, dict):
                failed = {f["itemIdentifier"] for f in result.get("batchItemFailures") or []}
        except InvocationError:
            failed = {m["MessageId"] for m in messages}
        done = [m for m in messages if m["MessageId"] not in failed]
        retry = [m for m in messages if m["MessageId"] in failed]
        if done:
            self.sqs.delete_message_batch(QueueUrl=url, Entries=[
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(done)
            ])
        if retry:
            self.sqs.change_message_visibility_batch(QueueUrl=url, Entries=[
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"], "VisibilityTimeout": self.retry_delay}
                for i, m in enumerate(retry)
            ])
        return {"received": len(messages), "succeeded": len(done), "failed": len(retry)}

    def _receive(self, url: str, mapping: QueueMapping, wait_seconds: int) -> list[dict[str, Any]]:
        messages: list[dict[str, Any]] = []
        deadline = time.monotonic() + mapping.window_seconds
        while len(messages) < mapping.batch_size:
            wanted = min(SQS_RECEIVE_MAX, mapping.batch_size - len(messages))
            got = self.sqs.receive_message(
                QueueUrl=url, MaxNumberOfMessages=wanted, WaitTimeSeconds=wait_seconds if not messages else 0,
                AttributeNames=["All"], MessageAttributeNames=["All"],
            ).get("Messages", [])
            messages += got  # type: ignore[arg-type]  # boto3-stubs' TypedDicts are plain dicts here
            if not got or time.monotonic() >= deadline:
                break
        return messages

    def _record(self, message: dict[str, Any], queue_arn: str) -> dict[str, Any]:
        return {
            "messageId": message["MessageId"],
            "receiptHandle": message["ReceiptHandle"],
            "body": message["Body"],
            "attributes": message.get("Attributes", {}),
            "messageAttributes": {
                name: {
                    "stringValue": attr.get("StringValue"),
                    "binaryValue": attr.get("BinaryValue"),
                    "stringListValues": [],
                    "binaryListValues": [],
                    "dataType": attr["DataType"],
                }
                for name, attr in message.get("MessageAttributes", {}).items()
            },
            "md5OfBody": message.get("MD5OfBody"),
            "eventSource": "aws:sqs",
            "eventSourceARN": queue_arn,
            "awsRegion": self.region,
        }

    # -- schedules -----------------------------------------------------------------------------

    def fire(self, schedule: Schedule) -> Any:
        """Invoke a scheduled function once with an EventBridge 'Scheduled Event'; returns its result."""
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return self.runtime.invoke(schedule.function, {
            "version": "0", "id": str(uuid.uuid4()), "detail-type": "Scheduled Event",
            "source": "aws.events", "account": self.stack.account, "time": now, "region": self.region,
            "resources": [f"arn:aws:events:{self.region}:{self.stack.account}:rule/{self.stack.name}-{schedule.name}"],
            "detail": {},
        })

    # -- background operation ------------------------------------------------------------------

    def start(self) -> None:
        """One polling thread per SQS mapping and one timer thread per schedule."""
        for mapping in self.stack.queue_mappings():
            self._spawn(f"sqs-{mapping.function}", self._poll_forever, mapping)
        for schedule in self.stack.schedules():
            self._spawn(f"schedule-{schedule.function}", self._fire_forever, schedule)

    def stop(self) -> None:
        """Stop polling and firing; waits for the threads to finish their current batch."""
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=self.poll_seconds + 5)

    def _spawn(self, name: str, target, arg) -> None:
        thread = threading.Thread(target=target, args=(arg,), name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _poll_forever(self, mapping: QueueMapping) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once(mapping, wait_seconds=self.poll_seconds)
            except Exception as exc:  # the endpoint restarting must not kill the poller
                print(f"[pump] {mapping.function}: {exc}", flush=True)
                self._stop.wait(self.poll_seconds)

    def _fire_forever(self, schedule: Schedule) -> None:
        while not self._stop.wait(schedule.every_seconds):
            try:
                self.fire(schedule)
            except InvocationError as exc:
                print(f"[schedule] {exc}", flush=True)

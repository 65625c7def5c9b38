"""The migrate function: applies pending migrations and answers CloudFormation's custom resource
protocol (PUT to the pre-signed ResponseURL), failing the deploy cleanly when migrations fail."""

import json

import pytest
from pytest_httpserver import HTTPServer

from tests.samples import sample
from vitae_devstack.services import free_port


@pytest.fixture
def cloudformation():
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    server.expect_request("/response", method="PUT").respond_with_data("")
    yield server
    server.clear()
    server.stop()


def _cfn_event(url: str, request_type: str = "Create") -> dict:
    event = sample("platform/migrate")
    event["ResponseURL"] = url
    event["RequestType"] = request_type
    return event


def test_direct_invocation_reports_nothing_pending_once_migrated(devstack):
    from vitae.platform import db

    assert devstack.invoke_in_process("MigrateFunction", {}) == {"applied": []}
    applied = db.connection().execute("SELECT migration_id FROM _yoyo_migration").fetchall()
    assert {"0001.platform"} <= {row["migration_id"] for row in applied}


def test_custom_resource_success_is_reported_to_cloudformation(devstack, cloudformation):
    devstack.invoke_in_process("MigrateFunction", _cfn_event(cloudformation.url_for("/response")))
    (request, _), = cloudformation.log
    body = json.loads(request.get_data())
    assert body["Status"] == "SUCCESS"
    assert body["LogicalResourceId"] == "MigrateOnDeploy"
    assert body["RequestId"] == sample("platform/migrate")["RequestId"]
    assert body["Data"] == {"applied": ""}


def test_custom_resource_failure_is_reported_not_hung(devstack, cloudformation, monkeypatch):
    from vitae.platform import migrations

    monkeypatch.setattr(migrations, "database_url", lambda: f"postgresql://127.0.0.1:{free_port()}/none")
    devstack.invoke_in_process("MigrateFunction", _cfn_event(cloudformation.url_for("/response"), "Update"))
    (request, _), = cloudformation.log
    body = json.loads(request.get_data())
    assert body["Status"] == "FAILED"
    assert body["Reason"].startswith("migration failed")


def test_stack_deletion_leaves_the_schema(devstack, cloudformation):
    from vitae.platform import db

    devstack.invoke_in_process("MigrateFunction", _cfn_event(cloudformation.url_for("/response"), "Delete"))
    (request, _), = cloudformation.log
    assert json.loads(request.get_data())["Status"] == "SUCCESS"
    assert db.connection().execute("SELECT to_regclass('outbox') AS t").fetchone()["t"] == "outbox"

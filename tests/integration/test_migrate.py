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


def test_names_stored_before_bidi_controls_were_stripped_are_cleaned(devstack):
    """Issue 11, kind 4: migration 0008 strips the bidi controls from names stored earlier."""
    import uuid

    from vitae.platform import db
    from vitae.platform.migrations import MIGRATIONS_DIR

    user_id, resume_id = uuid.uuid4(), uuid.uuid4()
    names = {"cv\u202efdp.exe": "cvfdp.exe", "\u2067letter\u2069\u200f.pdf": "letter.pdf", "\u202e": "attachment",
             "plain.pdf": "plain.pdf"}
    with db.transaction() as conn:
        conn.execute("INSERT INTO users (id, email, full_name) VALUES (%s, %s, 'Old Names')",
                     (user_id, f"{user_id.hex[:12]}@example.com"))
        conn.execute("INSERT INTO resumes (id, user_id, title, template, language) "
                     "VALUES (%s, %s, 'R', 'classic', 'en')", (resume_id, user_id))
        for name in names:
            conn.execute("INSERT INTO resume_attachments (id, resume_id, user_id, key, filename, status) "
                         "VALUES (%s, %s, %s, %s, %s, 'ready')",
                         (uuid.uuid4(), resume_id, user_id, f"attachments/{uuid.uuid4()}", name))
        conn.execute((MIGRATIONS_DIR / "0010.display_filenames.sql").read_text())
        stored = {row["filename"] for row in conn.execute(
            "SELECT filename FROM resume_attachments WHERE resume_id = %s", (resume_id,))}
    assert stored == set(names.values())

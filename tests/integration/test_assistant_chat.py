"""The assistant's chat through its handlers and worker (sample events) against PostgreSQL, Redis,
LocalStack and the fake Ollama: a turn with a tool call stores the tool's result and the reply;
history over the context budget is trimmed oldest first; the AI quota; Ollama down answers 503 and
stores nothing; failures of the model end the reply failed with a reason; owners only; aliases."""

import copy
import json
import uuid
from datetime import UTC, datetime, timedelta

from tests.fakes.ollama import DEFAULT_MODELS
from tests.samples import delivered, sample
from vitae.platform import db
from vitae.platform.auth import Principal, Role
from vitae.platform.config import settings


def _rows(query: str, *args) -> list[dict]:
    return db.connection().execute(query, args).fetchall()


def _event(name: str, user_id: str, body=None, path: dict | None = None, query: dict | None = None) -> dict:
    event = sample(f"assistant/{name}")
    event["requestContext"]["authorizer"]["lambda"]["userId"] = user_id
    if body is not None:
        event["body"] = json.dumps(body)
    event["pathParameters"] = path or {}
    event["queryStringParameters"] = query or {}
    return event


def call(devstack, function: str, name: str, user_id: str, **kwargs) -> tuple[int, dict, dict]:
    response = devstack.invoke_in_process(function, _event(name, user_id, **kwargs))
    body = json.loads(response["body"]) if response.get("body") else None
    return response["statusCode"], body, response["headers"]


def post(devstack, user_id: str, session_id: str, content: str) -> tuple[int, dict, dict]:
    return call(devstack, "PostChatMessageFunction", "chat_message_create", user_id, body={"content": content},
                path={"id": session_id})


def new_session(devstack, user_id: str, title: str | None = None) -> str:
    status, body, _ = call(devstack, "CreateChatSessionFunction", "chat_session_create", user_id,
                           body={"title": title} if title else {})
    assert status == 201, body
    return body["id"]


def worker_event(reply_id: str) -> dict:
    """The worker's SQS event carrying the reply's outbox event, as EventBridge delivers it."""
    return delivered("assistant/assistant_worker", "assistant.reply_requested", "replyId", reply_id)


def run_worker(devstack, reply_id: str) -> dict:
    return devstack.invoke_in_process("AssistantWorkerFunction", worker_event(reply_id))


def message(message_id: str) -> dict:
    return _rows("SELECT * FROM chat_messages WHERE id = %s", message_id)[0]


def earlier_turns(session: str, user_id: str, turns: int, words: int) -> None:
    """`turns` finished exchanges in the session, each message "turn N role: " and `words` words."""
    with db.transaction() as conn:
        for turn in range(turns):
            for role in ("user", "assistant"):
                conn.execute("""INSERT INTO chat_messages (id, session_id, user_id, role, content, status)
                    VALUES (%s, %s, %s, %s, %s, 'done')""",
                             (uuid.uuid4(), session, user_id, role, f"turn {turn} {role}: " + "word " * words))


def stored(user_id: str) -> tuple[int, int]:
    """(sessions, messages) of the user."""
    return (len(_rows("SELECT id FROM chat_sessions WHERE user_id = %s", user_id)),
            len(_rows("SELECT id FROM chat_messages WHERE user_id = %s", user_id)))





def test_a_chat_turn_with_a_tool_call_stores_the_tools_result_and_the_reply(devstack, new_user, ollama):
    from vitae.applications import service as applications
    from vitae.applications.models import ApplicationIn

    me = new_user()
    caller = Principal(me, None, Role.USER, datetime.now(UTC) + timedelta(hours=1))
    applications.create_application(caller, ApplicationIn.model_validate(
        {"job": {"title": "ICU Nurse", "company": "St Mary's"}, "status": "applied"}))
    session = new_session(devstack, me, "Applications")

    status, accepted, headers = post(devstack, me, session, "How are my applications going?")
    assert status == 202, accepted
    reply_id, message_id = accepted["reply"]["id"], accepted["message"]["id"]
    assert accepted["reply"]["status"] == "queued"
    assert accepted["message"]["content"] == "How are my applications going?"
    assert headers["location"] == f"/v1/chat/sessions/{session}/messages?after={message_id}"
    assert message(reply_id)["status"] == "queued"

    ollama.reply_tool_calls(("list_applications", {}))
    ollama.reply_chat("You have one application: ICU Nurse at St Mary's, applied.")
    assert run_worker(devstack, reply_id) == {"batchItemFailures": []}

    row = message(reply_id)
    assert row["status"] == "done" and row["content"] == "You have one application: ICU Nurse at St Mary's, applied."
    [tool_call] = row["tool_calls"]
    assert tool_call["name"] == "list_applications" and tool_call["arguments"] == {}
    assert [(a["title"], a["company"], a["status"]) for a in tool_call["result"]["applications"]] == \
        [("ICU Nurse", "St Mary's", "applied")]
    assert row["model"] == "llama3.1:8b" and row["prompt_version"] == "chat/1"
    assert row["model_version"] == next(m["digest"] for m in DEFAULT_MODELS if m["name"] == "llama3.1:8b")
    assert row["suggestions"] and "How are my job applications going?" not in row["suggestions"]

    first, second = ollama.chats()
    assert first["options"]["num_ctx"] == settings().ai_num_ctx
    assert {t["function"]["name"] for t in first["tools"]} == {
        "search_jobs", "recommend_jobs", "skills_gap", "list_applications", "get_profile"}
    assert [m["role"] for m in first["messages"]] == ["system", "user"]
    assert "no candidate profile" in first["messages"][0]["content"]
    assert [m["role"] for m in second["messages"]] == ["system", "user", "assistant", "tool"]
    assert json.loads(second["messages"][-1]["content"]) == tool_call["result"]

    # polled through the API: the reply after the message, with its tool call
    status, page, _ = call(devstack, "ListChatMessagesFunction", "chat_message_list", me, path={"id": session},
                           query={"after": message_id})
    assert status == 200 and [m["id"] for m in page["items"]] == [reply_id]
    assert page["items"][0]["toolCalls"][0]["name"] == "list_applications"
    assert page["items"][0]["modelVersion"] == row["model_version"]

    # a redelivery computes nothing
    ollama.reset()
    assert run_worker(devstack, reply_id) == {"batchItemFailures": []}
    assert ollama.chats() == [] and message(reply_id)["content"] == row["content"]


def test_at_most_three_tool_steps_then_the_model_must_answer(devstack, new_user, ollama):
    me = new_user()
    session = new_session(devstack, me)
    reply_id = post(devstack, me, session, "Find me nursing jobs")[1]["reply"]["id"]
    for _ in range(3):
        ollama.reply_tool_calls(("search_jobs", {"query": "nurse"}), ("no_such_tool", {"x": 1}))
    ollama.reply_chat("Here is what I found.")
    run_worker(devstack, reply_id)

    row = message(reply_id)
    assert row["status"] == "done" and row["content"] == "Here is what I found."
    assert [c["name"] for c in row["tool_calls"]] == ["search_jobs", "no_such_tool"] * 3
    assert all("jobs" in c["result"] for c in row["tool_calls"][::2])
    assert row["tool_calls"][1]["error"] == "There is no tool named no_such_tool"
    chats = ollama.chats()
    assert len(chats) == 4 and all(c.get("tools") for c in chats[:3]) and not chats[3].get("tools")


def test_history_over_the_context_budget_is_trimmed_oldest_first(devstack, new_user, ollama, setting):
    from vitae.assistant import chat

    setting(AI_NUM_CTX="2048", AI_REPLY_TOKENS="256")
    me = new_user()
    session = new_session(devstack, me)
    earlier_turns(session, me, 40, 180)  # forty earlier turns of about 300 tokens each
    reply_id = post(devstack, me, session, "And now?")[1]["reply"]["id"]
    ollama.reply_chat("Fine.")
    run_worker(devstack, reply_id)
    assert message(reply_id)["status"] == "done"

    [sent] = ollama.chats()
    messages = sent["messages"]
    assert messages[0]["role"] == "system" and messages[0]["content"].startswith(chat.SYSTEM_PROMPT)
    assert messages[-1] == {"role": "user", "content": "And now?"}
    kept = [m["content"].split(":")[0] for m in messages[1:-1]]
    assert 0 < len(kept) < 80 and kept[-1] == "turn 39 assistant"  # the newest kept, in order
    turns = [int(k.split()[1]) for k in kept]
    assert turns == sorted(turns) and turns[0] > 0  # the oldest went first
    assert sum(chat.tokens(m["content"]) for m in messages) <= chat.budget()
    assert sent["options"]["num_ctx"] == 2048


def test_the_ai_quota_answers_429_with_retry_after_and_stores_nothing(devstack, new_user, ollama, setting):
    setting(AI_QUOTA_PER_MINUTE="2")
    me = new_user()
    session = new_session(devstack, me)
    assert [post(devstack, me, session, f"Question {n}")[0] for n in range(2)] == [202, 202]
    before = stored(me)
    status, body, headers = post(devstack, me, session, "One too many")
    assert status == 429 and body["error"] == "ai_quota_exceeded"
    assert 0 < int(headers["retry-after"]) <= 60
    assert stored(me) == before

    setting(AI_QUOTA_PER_MINUTE="100", AI_QUOTA_PER_DAY="3")
    assert post(devstack, me, session, "Third of the day")[0] == 202
    status, _, headers = post(devstack, me, session, "Fourth of the day")
    assert status == 429 and 60 < int(headers["retry-after"]) <= 24 * 3600


def test_without_ollama_a_message_is_refused_503_and_nothing_is_stored(devstack, new_user, no_ollama):
    me = new_user()
    session = new_session(devstack, me)
    status, body, _ = post(devstack, me, session, "Hello?")
    assert status == 503 and body["error"] == "ai_unavailable"
    status, body, _ = call(devstack, "SendChatMessageFunction", "chat_message_send", me, body={"message": "Hello?"})
    assert status == 503 and body["error"] == "ai_unavailable"
    assert stored(me) == (1, 0)  # the session made before; no message, no new session
    assert _rows("SELECT id FROM outbox WHERE user_id = %s AND event_type LIKE 'assistant.%%'", me) == []


def test_a_server_without_the_chat_model_is_unavailable_too(devstack, new_user, ollama, setting):
    setting(OLLAMA_REASONING_MODEL="not-pulled:70b")
    me = new_user()
    status, body, _ = call(devstack, "SendChatMessageFunction", "chat_message_send", me, body={"message": "Hi"})
    assert status == 503 and body["error"] == "ai_unavailable" and stored(me) == (0, 0)


def test_an_empty_answer_fails_the_reply_and_ollama_failing_is_retried_then_fails_it(devstack, new_user, ollama):
    me = new_user()
    session = new_session(devstack, me)
    empty = post(devstack, me, session, "First")[1]["reply"]["id"]
    ollama.reply_chat("")
    ollama.reply_chat("   ")
    assert run_worker(devstack, empty) == {"batchItemFailures": []}
    row = message(empty)
    assert (row["status"], row["failure_reason"], row["content"]) == ("failed", "invalid_reply", None)

    down = post(devstack, me, session, "Second")[1]["reply"]["id"]
    ollama.fault("error", 500)
    event = worker_event(down)
    for attempt in (1, 2):
        failures = devstack.invoke_in_process("AssistantWorkerFunction", copy.deepcopy(event))["batchItemFailures"]
        assert failures == [{"itemIdentifier": event["Records"][0]["messageId"]}]
        assert (message(down)["status"], message(down)["attempts"]) == ("running", attempt)
    assert devstack.invoke_in_process("AssistantWorkerFunction", copy.deepcopy(event)) == {"batchItemFailures": []}
    row = message(down)
    assert (row["status"], row["failure_reason"]) == ("failed", "ai_unavailable")


def test_sessions_and_messages_are_the_owners_only_and_go_with_the_session(devstack, new_user, ollama):
    me, other = new_user(), new_user()
    session = new_session(devstack, me, "Mine")
    accepted = post(devstack, me, session, "Hello")[1]
    assert post(devstack, other, session, "Hijack")[0] == 404
    assert call(devstack, "ListChatMessagesFunction", "chat_message_list", other, path={"id": session})[0] == 404
    assert call(devstack, "GetChatHistoryFunction", "chat_history", other, path={"sessionId": session})[0] == 404
    assert call(devstack, "DeleteChatSessionFunction", "chat_session_delete", other, path={"id": session})[0] == 404
    assert call(devstack, "ListChatSessionsFunction", "chat_session_list", other)[1]["items"] == []
    assert call(devstack, "ListChatMessagesFunction", "chat_message_list", me, path={"id": session},
                query={"after": str(uuid.uuid4())})[0] == 404

    listed = call(devstack, "ListChatSessionsFunction", "chat_session_list", me)[1]["items"]
    assert [(s["id"], s["title"]) for s in listed] == [(session, "Mine")]
    assert call(devstack, "DeleteChatSessionFunction", "chat_session_delete", me, path={"id": session})[0] == 204
    assert stored(me) == (0, 0)
    # the queued reply's message comes later: there is nothing left to answer
    assert run_worker(devstack, accepted["reply"]["id"]) == {"batchItemFailures": []} and ollama.chats() == []


def test_seed_g_aliases_send_into_a_new_session_and_read_its_history(devstack, new_user, ollama):
    me = new_user()
    status, accepted, _ = call(devstack, "SendChatMessageFunction", "chat_message_send", me,
                               body={"message": "What should I learn to work in an ICU?"})
    assert status == 202
    session = accepted["sessionId"]
    assert _rows("SELECT title FROM chat_sessions WHERE id = %s", session) == [
        {"title": "What should I learn to work in an ICU?"}]
    ollama.reply_chat("ACLS and critical care experience.")
    run_worker(devstack, accepted["reply"]["id"])
    again = call(devstack, "SendChatMessageFunction", "chat_message_send", me,
                 body={"sessionId": session, "message": "Thanks"})[1]
    assert again["sessionId"] == session

    status, history, _ = call(devstack, "GetChatHistoryFunction", "chat_history", me, path={"sessionId": session})
    assert status == 200
    assert [(m["role"], m["status"], m["content"]) for m in history["items"]] == [
        ("user", "done", "What should I learn to work in an ICU?"),
        ("assistant", "done", "ACLS and critical care experience."),
        ("user", "done", "Thanks"), ("assistant", "queued", None)]
    # the second reply sees the first turn as history
    ollama.reply_chat("You are welcome.")
    run_worker(devstack, again["reply"]["id"])
    assert [m["content"] for m in ollama.chats()[-1]["messages"][1:]] == [
        "What should I learn to work in an ICU?", "ACLS and critical care experience.", "Thanks"]


def test_invalid_messages_are_refused_and_store_nothing(devstack, new_user, ollama):
    me = new_user()
    session = new_session(devstack, me)
    for body in ({}, {"content": ""}, {"content": "   "}, {"content": "x" * 4001}, {"content": 42},
                 {"content": "\u200b"}, {"content": "\u202e\u200d "}):
        status, answer, _ = call(devstack, "PostChatMessageFunction", "chat_message_create", me, body=body,
                                 path={"id": session})
        assert status == 400, (body, answer)
    assert post(devstack, me, "not-a-uuid", "Hello")[0] == 404
    assert stored(me) == (1, 0)


def test_a_deleted_user_loses_their_assistant_data(devstack, new_user, ollama):
    me, other = new_user(), new_user()
    for user in (me, other):
        post(devstack, user, new_session(devstack, user), "Hello")
    event = sample("assistant/on_user_deleted")
    body = json.loads(event["Records"][0]["body"])
    body["detail"]["userId"] = me
    body["detail"]["eventId"] = str(uuid.uuid4())
    event["Records"][0]["body"] = json.dumps(body)
    assert devstack.invoke_in_process("AssistantUserDeletedFunction", event) == {"batchItemFailures": []}
    assert stored(me) == (0, 0) and stored(other) == (1, 2)


def test_the_skills_gap_tool_answers_from_the_callers_resume_and_a_refusal_is_the_tools_error(devstack, new_user,
                                                                                            ollama):
    from tests.integration.test_assistant_jobs import nurse_resume
    from vitae.jobs import service as jobs
    from vitae.jobs.models import JobIn

    me = new_user()
    nurse_resume(me)
    admin = Principal(str(uuid.uuid4()), None, Role.ADMIN, datetime.now(UTC) + timedelta(hours=1))
    job = jobs.create_job(admin, JobIn(title="ICU Nurse", company="St Mary's",
                                       description="Required: BLS, ACLS and CCRN certification."))
    reply_id = post(devstack, me, new_session(devstack, me), "Am I ready for that ICU job?")[1]["reply"]["id"]
    ollama.reply_tool_calls(("skills_gap", {"jobId": str(job.id)}), ("skills_gap", {"targetRole": "Zyxwv Wrangler"}))
    ollama.reply_chat("You need ACLS and CCRN.")
    run_worker(devstack, reply_id)

    known, unknown = message(reply_id)["tool_calls"]
    assert {"ACLS", "CCRN"} <= {m["skill"] for m in known["result"]["missing"]} and "BLS" in known["result"]["have"]
    assert "error" not in known and unknown["error"].startswith("No jobs for the role")


def _prompt_tokens(request: dict) -> int:
    """What one /api/chat request puts in the context window, estimated as `chat.tokens` does: its
    messages (with the tool calls they carry) and the tools' schemas when offered."""
    total = sum(chat_tokens((m.get("content") or "") + (json.dumps(m["tool_calls"]) if m.get("tool_calls") else ""))
                for m in request["messages"])
    return total + (chat_tokens(json.dumps(request["tools"])) if request.get("tools") else 0)


def chat_tokens(text: str) -> int:
    from vitae.assistant import chat

    return chat.tokens(text)


def test_tools_answers_count_against_the_context_window_with_the_history(devstack, new_user, ollama):
    from vitae.applications import service as applications
    from vitae.applications.models import ApplicationIn
    from vitae.assistant import chat

    me = new_user()
    caller = Principal(me, None, Role.USER, datetime.now(UTC) + timedelta(hours=1))
    for n in range(20):
        applications.create_application(caller, ApplicationIn.model_validate(
            {"job": {"title": f"Senior Registered Nurse, Intensive Care Unit, night shifts, ward {n}",
                     "company": f"St Mary's University Teaching Hospital NHS Foundation Trust {n}"},
             "status": "applied"}))
    session = new_session(devstack, me)
    earlier_turns(session, me, 30, 200)  # enough to fill the history's share
    reply_id = post(devstack, me, session, "How are my applications going?")[1]["reply"]["id"]
    for _ in range(3):
        ollama.reply_tool_calls(*[("list_applications", {})] * 3)
    ollama.reply_chat("You have twenty applications.")
    run_worker(devstack, reply_id)

    s = settings()
    sent = ollama.chats()
    assert len(sent) == 4 and message(reply_id)["status"] == "done"
    assert all(_prompt_tokens(request) + s.ai_reply_tokens <= s.ai_num_ctx for request in sent)
    histories = [sum((m.get("content") or "").startswith("turn ") for m in request["messages"]) for request in sent]
    assert histories == sorted(histories, reverse=True) and histories[0] > histories[-1]  # gave way first
    tools = [m for m in sent[-1]["messages"] if m["role"] == "tool"]
    assert len(tools) == 9 and tools[0]["content"] == chat.LEFT_OUT  # then the oldest answers
    assert "Senior Registered Nurse" in tools[-1]["content"]  # the newest answers stay


def test_a_message_the_context_window_cannot_hold_is_refused_or_fails_its_reply(devstack, new_user, ollama,
                                                                                setting):
    me = new_user()
    session = new_session(devstack, me)
    text = "What does this mean? " + "0123456789abcdef" * 250
    accepted = post(devstack, me, session, text[:4000])
    assert accepted[0] == 202  # the default window holds it

    setting(AI_NUM_CTX="2048")  # made smaller since: the worker must not send it to be cut
    run_worker(devstack, accepted[1]["reply"]["id"])
    row = message(accepted[1]["reply"]["id"])
    assert (row["status"], row["failure_reason"]) == ("failed", "message_too_long") and ollama.chats() == []

    before = stored(me)
    status, body, _ = post(devstack, me, session, text[:4000])
    assert status == 400 and body["error"] == "message_too_long" and "characters" in body["message"]
    assert stored(me) == before


def test_a_reply_whose_model_failed_comes_back_after_the_retry_delay_not_the_queues_timeout(devstack, new_user,
                                                                                          ollama, setting):
    import boto3

    setting(AI_RETRY_DELAY_SECONDS="0")
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName=f"assistant-{uuid.uuid4().hex[:8]}",
                           Attributes={"VisibilityTimeout": "900"})["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    try:
        me = new_user()
        reply_id = post(devstack, me, new_session(devstack, me), "Hello")[1]["reply"]["id"]
        sqs.send_message(QueueUrl=url, MessageBody=worker_event(reply_id)["Records"][0]["body"])
        [received] = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)["Messages"]
        event = {"Records": [{"messageId": received["MessageId"], "receiptHandle": received["ReceiptHandle"],
                              "body": received["Body"], "eventSourceARN": arn, "attributes": {},
                              "messageAttributes": {}, "eventSource": "aws:sqs"}]}
        ollama.fault("error", 500)
        assert devstack.invoke_in_process("AssistantWorkerFunction", event)["batchItemFailures"] == [
            {"itemIdentifier": received["MessageId"]}]
        [again] = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1, AttributeNames=["All"])["Messages"]
        assert again["MessageId"] == received["MessageId"]
        assert again["Attributes"]["ApproximateReceiveCount"] == "2"  # back at once, not after 900 s
    finally:
        sqs.delete_queue(QueueUrl=url)


def test_a_reply_carries_no_link_outside_the_catalogue(devstack, new_user, ollama):
    from vitae.assistant import catalogue
    from vitae.assistant.links import LINK_REMOVED

    me = new_user()
    reply_id = post(devstack, me, new_session(devstack, me), "Where can I learn?")[1]["reply"]["id"]
    known = sorted(catalogue.urls())[0]
    ollama.reply_chat(f"Try bit.ly/free-acls or https://evil.example/apply. Learn at [the course]({known}).")
    run_worker(devstack, reply_id)

    row = message(reply_id)
    assert row["status"] == "done"
    assert row["content"] == f"Try {LINK_REMOVED} or {LINK_REMOVED}. Learn at [the course]({known})."

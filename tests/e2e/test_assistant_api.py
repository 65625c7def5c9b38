"""The assistant end to end through the devstack gateway and event pump: a chat message posted, its
reply written by the worker (outbox, EventBridge, SQS) with a tool call against Vitae's own data,
and polled through the API; the same for an AI job."""

import pytest

from vitae_devstack.services import wait_until


@pytest.fixture
def me(registered):
    api, _ = registered()
    return api


def _reply(api, session_id: str, after: str) -> dict:
    def done():
        items = api.get(f"/v1/chat/sessions/{session_id}/messages", params={"after": after}).json()["items"]
        return items[0] if items and items[0]["status"] in ("done", "failed") else None
    return wait_until(done, "the assistant's reply", timeout=60)


def test_a_chat_turn_with_a_tool_call_through_the_gateway_and_the_worker(me, ollama):
    profile = {"headline": "Registered Nurse", "summary": "Med-surg nurse, BLS certified."}
    assert me.put("/v1/profile", json=profile).status_code in (200, 201)
    ollama.reply_tool_calls(("get_profile", {}))
    ollama.reply_chat("Your profile says you are a registered nurse with BLS.")

    response = me.post("/v1/chat/message", json={"message": "What does my profile say?"})
    assert response.status_code == 202, response.text
    accepted = response.json()
    assert response.headers["location"].endswith(f"?after={accepted['message']['id']}")
    reply = _reply(me, accepted["sessionId"], accepted["message"]["id"])

    assert reply["status"] == "done", reply
    assert reply["content"] == "Your profile says you are a registered nurse with BLS."
    [call] = reply["toolCalls"]
    assert call["name"] == "get_profile" and "Registered Nurse" in call["result"]["profile"]
    assert reply["model"] == "llama3.1:8b" and reply["modelVersion"] and reply["promptVersion"] == "chat/1"
    history = me.get(f"/v1/chat/history/{accepted['sessionId']}").json()["items"]
    assert [m["role"] for m in history] == ["user", "assistant"]
    # the profile was in the system part of both calls, and the tool's answer in the second
    first, second = ollama.chats()[-2:]
    assert "Registered Nurse" in first["messages"][0]["content"]
    assert second["messages"][-1]["role"] == "tool" and "Registered Nurse" in second["messages"][-1]["content"]

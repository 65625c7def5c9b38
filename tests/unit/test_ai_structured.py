"""`ai.structured` and `ai.chat` against the fake Ollama (an in-process HTTP server):
schema-constrained chat, tool calls, validated replies, bounded retries, the context window set on
every call, the models the server has and their versions."""

import json
import time

import pytest
from pydantic import BaseModel

from tests.fakes.ollama import CHAT
from vitae.platform import ai, config
from vitae_devstack.services import free_port, wait_until

MESSAGES = [{"role": "user", "content": "Which colour is the sky?"}]


class Answer(BaseModel):
    colour: str
    certain: bool


@pytest.fixture
def ollama(ollama, monkeypatch):
    monkeypatch.setenv("OLLAMA_CODING_MODEL", "coder:7b")
    monkeypatch.setenv("AI_NUM_CTX", "4096")
    monkeypatch.setenv("AI_MAX_ATTEMPTS", "3")
    config.settings.cache_clear()
    return ollama


def test_the_reply_is_validated_against_the_schema_it_was_asked_for(ollama):
    ollama.reply_chat(json.dumps({"colour": "blue", "certain": True}))

    assert ai.structured(Answer, MESSAGES, task="coding") == Answer(colour="blue", certain=True)
    [request] = ollama.chats()
    assert request["model"] == "coder:7b"
    assert request["messages"] == MESSAGES
    assert request["format"] == Answer.model_json_schema()
    assert request["options"] == {"temperature": 0, "num_ctx": 4096}


def test_an_invalid_reply_is_retried(ollama):
    ollama.reply_chat('{"colour": "blue"}')  # valid JSON, not the schema's
    ollama.reply_chat('{"colour": "blue", "certain": false}')

    assert ai.structured(Answer, MESSAGES) == Answer(colour="blue", certain=False)
    assert len(ollama.chats()) == 2


def test_invalid_replies_up_to_the_attempt_limit_raise_invalid_reply(ollama):
    for _ in range(3):
        ollama.reply_chat("The sky is blue.")

    with pytest.raises(ai.AiInvalidReply):
        ai.structured(Answer, MESSAGES)
    assert len(ollama.chats()) == 3


@pytest.mark.parametrize(("status", "attempts"), [(500, 3), (400, 1)])
def test_server_errors_are_retried_client_errors_are_not(ollama, status, attempts):
    ollama.fault("error", status)

    with pytest.raises(ai.AiUnavailable) as raised:
        ai.structured(Answer, MESSAGES)
    assert not isinstance(raised.value, ai.AiInvalidReply)
    assert len(ollama.chats()) == attempts


def test_a_timeout_is_not_retried(ollama):
    ollama.fault("slow", 1.5)
    ollama.reply_chat('{"colour": "blue", "certain": true}')  # for the abandoned request

    started = time.monotonic()
    with pytest.raises(ai.AiUnavailable, match=r"did not answer within 0\.3s"):
        ai.structured(Answer, MESSAGES, timeout=0.3)  # the argument wins over AI_TIMEOUT_SECONDS
    assert time.monotonic() - started < 1.5
    assert len(ollama.chats()) == 1

    # Let the fake answer the abandoned request so that it does not take another test's reply.
    wait_until(lambda: ollama.scripted(CHAT) == 0, "the fake's answer to the abandoned request", 10, 0.05)


def test_an_unreachable_server_is_unavailable(ollama, monkeypatch):
    monkeypatch.setenv("OLLAMA_HOST", f"http://127.0.0.1:{free_port()}")
    config.settings.cache_clear()

    with pytest.raises(ai.AiUnavailable, match="unreachable"):
        ai.structured(Answer, MESSAGES)


def test_without_a_host_it_is_unavailable(ollama, monkeypatch):
    monkeypatch.delenv("OLLAMA_HOST")
    config.settings.cache_clear()

    with pytest.raises(ai.AiUnavailable, match="not configured"):
        ai.structured(Answer, MESSAGES)
    assert ollama.requests == []


TOOLS = [{"type": "function", "function": {"name": "get_profile", "description": "The profile",
                                           "parameters": {"type": "object", "properties": {}}}}]


def test_chat_offers_tools_and_returns_the_tool_calls_asked_for(ollama):
    ollama.reply_tool_calls(("get_profile", {"detail": "short"}))
    message = ai.chat(MESSAGES, tools=TOOLS, task="coding")
    assert [(c.function.name, dict(c.function.arguments)) for c in message.tool_calls] == \
        [("get_profile", {"detail": "short"})]
    [request] = ollama.chats()
    assert request["tools"] == TOOLS and request["options"] == {"temperature": 0, "num_ctx": 4096}
    assert request["model"] == "coder:7b" and request["stream"] is False


def test_an_empty_chat_reply_is_retried_then_invalid(ollama):
    ollama.reply_chat("")
    ollama.reply_chat("The sky is blue.")
    assert ai.chat(MESSAGES).content == "The sky is blue."
    for _ in range(3):
        ollama.reply_chat("  ")
    with pytest.raises(ai.AiInvalidReply):
        ai.chat(MESSAGES)


def test_require_model_needs_the_server_to_list_the_model(ollama, monkeypatch):
    assert ai.require_model("reasoning") == "llama3.1:8b"
    assert ai.require_model("fast") == "llama3.2"  # listed as llama3.2:latest
    monkeypatch.setenv("OLLAMA_REASONING_MODEL", "absent:70b")
    config.settings.cache_clear()
    with pytest.raises(ai.AiUnavailable, match="absent:70b"):
        ai.require_model("reasoning")
    monkeypatch.setenv("OLLAMA_HOST", f"http://127.0.0.1:{free_port()}")
    config.settings.cache_clear()
    with pytest.raises(ai.AiUnavailable):
        ai.require_model("fast")
    assert ai.model_version("llama3.2") is None  # the server cannot be asked


def test_model_version_is_the_digest_the_server_lists(ollama):
    from tests.fakes.ollama import DEFAULT_MODELS

    digests = {m["name"]: m["digest"] for m in DEFAULT_MODELS}
    assert ai.model_version("llama3.2") == digests["llama3.2:latest"]
    assert ai.model_version("llama3.1:8b") == digests["llama3.1:8b"]
    assert ai.model_version("never-pulled") is None

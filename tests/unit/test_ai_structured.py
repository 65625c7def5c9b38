"""`ai.structured` against the fake Ollama (an in-process HTTP server): schema-constrained chat,
validated replies, bounded retries."""

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
    assert request["options"] == {"temperature": 0}


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

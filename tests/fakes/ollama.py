"""A fake Ollama: a real HTTP server speaking Ollama's API with scripted answers and faults.

Tests script replies per endpoint (`reply("/api/chat", {...})`) and inject faults:
`fault("slow", seconds)`, `fault("error", status)`, `fault("malformed")`. Requests are recorded.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import threading
import time
from collections import defaultdict, deque
from typing import Any

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

CHAT = "/api/chat"
EMBED = "/api/embed"

def _listed(name: str, family: str) -> dict[str, Any]:
    """A model as /api/tags lists it; its digest is derived from its name."""
    return {"name": name, "model": name, "size": 2019393189, "digest": hashlib.sha256(name.encode()).hexdigest(),
            "modified_at": "2026-11-01T00:00:00Z", "details": {"format": "gguf", "family": family}}


# The models the settings name by default, as a server that has pulled them lists them
DEFAULT_MODELS = [_listed("llama3.2:latest", "llama"), _listed("llama3.1:8b", "llama"),
                  _listed("qwen2.5-coder:7b", "qwen2"), _listed("nomic-embed-text:latest", "nomic-bert")]


class FakeOllama:
    def __init__(self) -> None:
        self.requests: list[tuple[str, Any]] = []
        self.authorizations: list[str | None] = []  # each request's Authorization header
        self._replies: dict[str, deque[Any]] = defaultdict(deque)
        self._fault: tuple[str, Any] | None = None
        self.zero_for: set[str] = set()  # /api/embed answers a zero vector for texts holding one of these
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> FakeOllama:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()

    def reply(self, path: str, body: Any) -> None:
        self._replies[path].append(body)

    def fault(self, kind: str | None, value: Any = None) -> None:
        self._fault = (kind, value) if kind else None

    def reset(self) -> None:
        """Forget recorded requests, scripted replies, the fault and the texts refused."""
        self.requests.clear()
        self.authorizations.clear()
        self._replies.clear()
        self._fault = None
        self.zero_for.clear()

    def reply_chat(self, content: Any, model: str = "any") -> None:
        """Script one /api/chat answer whose message is `content` (JSON-serialised unless a string)."""
        self.reply(CHAT, {"model": model, "created_at": "2026-11-22T00:00:00Z", "done": True, "done_reason": "stop",
                          "message": {"role": "assistant",
                                      "content": content if isinstance(content, str) else json.dumps(content)}})

    def reply_tool_calls(self, *calls: tuple[str, dict[str, Any]], content: str = "", model: str = "any") -> None:
        """Script one /api/chat answer asking for tool calls: (function name, arguments) each, as
        Ollama's tool calling returns them (`message.tool_calls[].function`)."""
        self.reply(CHAT, {"model": model, "created_at": "2026-11-22T00:00:00Z", "done": True, "done_reason": "stop",
                          "message": {"role": "assistant", "content": content, "tool_calls": [
                              {"function": {"name": name, "arguments": arguments}} for name, arguments in calls]}})

    def embedded(self) -> list[str]:
        """The texts sent to /api/embed, oldest first."""
        texts: list[str] = []
        for path, payload in self.requests:
            if path == EMBED:
                given = payload.get("input") or []
                texts += [given] if isinstance(given, str) else given
        return texts

    def chats(self) -> list[dict]:
        """The /api/chat requests received, oldest first."""
        return [payload for path, payload in self.requests if path == CHAT]

    def scripted(self, path: str) -> int:
        """How many scripted replies for `path` are still unanswered."""
        return len(self._replies[path])

    def _app(self, environ, start_response):
        request = Request(environ)
        payload = request.get_json(silent=True)
        self.requests.append((request.path, payload))
        self.authorizations.append(request.headers.get("Authorization"))
        return self._answer(request.path, payload)(environ, start_response)

    def _answer(self, path: str, payload: Any) -> Response:
        if self._fault:
            kind, value = self._fault
            if kind == "slow":
                time.sleep(value)
            elif kind == "error":
                return Response(json.dumps({"error": "model runner crashed"}), status=value or 500,
                                content_type="application/json")
            elif kind == "malformed":
                return Response("{not json", content_type="application/json")
        if self._replies[path]:
            return _json(self._replies[path].popleft())
        if path == "/api/version":
            return _json({"version": "0.12.0"})
        if path == "/api/tags":
            return _json({"models": DEFAULT_MODELS})
        if path == EMBED and isinstance(payload, dict):
            texts = payload.get("input") or []
            texts = [texts] if isinstance(texts, str) else texts
            size = payload.get("dimensions") or 768
            return _json({"model": payload.get("model"), "total_duration": 1000, "load_duration": 10,
                          "prompt_eval_count": sum(len(_WORD.findall(t)) for t in texts),
                          "embeddings": [[0.0] * size if any(marker in t for marker in self.zero_for)
                                         else hashed_embedding(t, size) for t in texts]})
        return Response(json.dumps({"error": f"no scripted reply for {path}"}), status=404,
                        content_type="application/json")


_WORD = re.compile(r"[a-z0-9+#]+")


def hashed_embedding(text: str, dimensions: int = 768) -> list[float]:
    """What the fake answers /api/embed with unless scripted: a stand-in for a model's embedding that
    keeps its one property recommendations rely on, that texts sharing words are near. Each word
    (lower case, a final "s" off) adds +1 or -1 to a dimension chosen by its hash; the vector is
    L2-normalised (as Ollama's are)."""
    vector = [0.0] * dimensions
    for word in _WORD.findall(text.lower()):
        digest = hashlib.blake2b(word.removesuffix("s").encode(), digest_size=8).digest()
        vector[int.from_bytes(digest[:4]) % dimensions] += 1.0 if digest[4] & 1 else -1.0
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return [v / norm for v in vector]


def _json(body: Any) -> Response:
    return Response(json.dumps(body), content_type="application/json")

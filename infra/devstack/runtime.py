"""Runs functions like Lambda does: each in containers of its own, with only its own environment.

A container is a separate Python process (`vitae_devstack.container`) started in the function's
code directory with exactly the environment its template declares, plus what Lambda itself sets
(`AWS_REGION`, credentials, `AWS_LAMBDA_FUNCTION_NAME`...) and the local AWS endpoint. Containers
are started on first use, reused while warm (one invocation at a time each, several per function
under concurrency), and killed when an invocation outlives the function's timeout, so its work
stops there and nothing it had not committed is committed later. Their output is printed with the
function's name in front.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from typing import IO, Any

from vitae_devstack.container import read_frame, write_frame
from vitae_devstack.template import Function

# Lambda's limit on a synchronous invocation's request and response payloads.
PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024
# Variables of the devstack's own process that a container inherits (Lambda's execution environment
# has its equivalents); nothing else of the developer's environment reaches a function.
_PROCESS_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV", "SYSTEMROOT")


class InvocationError(Exception):
    """The function raised or timed out, as Lambda would report it (`kind` is the errorType)."""

    def __init__(self, function: str, kind: str, message: str):
        super().__init__(f"{function}: {kind}: {message}")
        self.kind = kind


class PayloadTooLarge(InvocationError):
    """A request or response beyond Lambda's 6 MB synchronous payload limit."""


class _Container:
    def __init__(self, function: Function, environment: dict[str, str], log: Callable[[str], None]):
        self.function = function
        request_read, self._request = os.pipe()
        self._response, response_write = os.pipe()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "vitae_devstack.container", str(request_read), str(response_write)],
            cwd=function.code_uri, env=environment, pass_fds=(request_read, response_write),
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        )
        os.close(request_read)
        os.close(response_write)
        self.last_used = time.monotonic()
        threading.Thread(target=self._forward, args=(self.process.stdout, log), daemon=True,
                         name=f"logs-{function.logical_id}").start()

    @staticmethod
    def _forward(stream: IO[bytes] | None, log: Callable[[str], None]) -> None:
        assert stream is not None
        for line in iter(stream.readline, b""):
            log(line.decode("utf-8", "replace").rstrip("\n"))

    def invoke(self, payload: bytes, timeout: float) -> dict[str, Any]:
        """Send one invocation and wait for its answer at most `timeout` seconds (raises _TimedOut,
        _Dead when the process is gone, PayloadTooLarge for an answer over Lambda's limit)."""
        deadline = time.monotonic() + timeout
        try:
            write_frame(self._request, payload)
        except OSError as exc:
            raise _Dead(f"the container is gone ({exc})") from None
        remaining = deadline - time.monotonic()
        ready, _, _ = select.select([self._response], [], [], max(0.0, remaining))
        if not ready:
            raise _TimedOut()
        frame = read_frame(self._response)
        if frame is None:
            raise _Dead(f"the container exited with {self.process.wait()}")
        self.last_used = time.monotonic()
        if len(frame) > PAYLOAD_LIMIT_BYTES + len('{"result": }'):
            raise PayloadTooLarge(self.function.logical_id, "Function.ResponseSizeTooLarge",
                                  f"Response payload size ({len(frame)} bytes) exceeded the maximum "
                                  f"allowed payload size ({PAYLOAD_LIMIT_BYTES} bytes)")
        return json.loads(frame)

    def kill(self) -> None:
        """End the container's process and its pipes, whatever it is doing."""
        for fd in (self._request, self._response):
            with contextlib.suppress(OSError):  # closed already
                os.close(fd)
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


class _TimedOut(Exception):
    pass


class _Dead(Exception):
    pass


class Runtime:
    """Invokes `functions` by logical id. `environments` gives each function's complete environment
    (its template's variables, resolved); `base_environment` is added to every container (region,
    credentials, the local AWS endpoint). A function runs in at most `max_per_function` containers
    at once (further invocations wait for one: a laptop has a few cores, not Lambda's fleet), and at
    most `max_warm` idle containers are kept in all."""

    def __init__(self, functions: dict[str, Function], environments: dict[str, dict[str, str]] | None = None,
                 base_environment: dict[str, str] | None = None, max_per_function: int = 4, max_warm: int = 48,
                 output: Callable[[str], None] | None = None):
        self.functions = functions
        self._environments = environments or {name: f.environment for name, f in functions.items()}
        self._base = {k: v for k, v in os.environ.items() if k in _PROCESS_VARIABLES} | (base_environment or {})
        self._max_per_function = max_per_function
        self._max_warm = max_warm
        self._output = output or (lambda line: print(line, flush=True))
        self._idle: dict[str, list[_Container]] = {name: [] for name in functions}
        self._busy: dict[str, int] = dict.fromkeys(functions, 0)
        self._changed = threading.Condition()
        self._closed = False

    def environment(self, name: str) -> dict[str, str]:
        """The complete environment of `name`'s containers."""
        function = self.functions[name]
        return {
            **self._base,
            **self._environments[name],
            "AWS_LAMBDA_FUNCTION_NAME": name,
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(function.memory),
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{name}",
            "AWS_LAMBDA_LOG_STREAM_NAME": f"local/{uuid.uuid4().hex}",
            "LAMBDA_TASK_ROOT": str(function.code_uri),
            "_HANDLER": function.handler,
            "TZ": "UTC",
            "PYTHONUNBUFFERED": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
        }

    def invoke(self, name: str, event: Any) -> Any:
        """Run `name` on `event` in a warm or new container; raises InvocationError as Lambda reports
        a failure (the function raised, timed out, crashed, or a payload was too large)."""
        if name not in self.functions:
            raise KeyError(f"no function {name!r} in the templates (have: {', '.join(sorted(self.functions))})")
        function = self.functions[name]
        payload = json.dumps({"event": event, "requestId": str(uuid.uuid4()),
                              "deadlineEpochMs": int((time.time() + function.timeout) * 1000)}).encode()
        if len(payload) > PAYLOAD_LIMIT_BYTES:
            raise PayloadTooLarge(name, "RequestEntityTooLargeException",
                                  f"Request must be smaller than {PAYLOAD_LIMIT_BYTES} bytes for the Invoke operation")
        container = self._checkout(name)
        try:
            answer = container.invoke(payload, function.timeout)
        except _TimedOut:
            container.kill()
            self._release(name, None)
            raise InvocationError(name, "Task timed out", f"after {function.timeout} seconds") from None
        except (_Dead, PayloadTooLarge) as exc:
            container.kill()
            self._release(name, None)
            if isinstance(exc, PayloadTooLarge):
                raise
            raise InvocationError(name, "Runtime.ExitError", str(exc)) from None
        self._release(name, container)
        if "error" in answer:
            error = answer["error"]
            raise InvocationError(name, error["errorType"], error["errorMessage"])
        return answer["result"]

    def _checkout(self, name: str) -> _Container:
        with self._changed:
            while True:
                if self._closed:
                    raise InvocationError(name, "Runtime.Shutdown", "the runtime is shutting down")
                if self._idle[name]:
                    container = self._idle[name].pop()
                    self._busy[name] += 1
                    return container
                if self._busy[name] < self._max_per_function:
                    self._busy[name] += 1
                    break
                self._changed.wait()
        try:
            return _Container(self.functions[name], self.environment(name), self._log_for(name))
        except BaseException:
            self._release(name, None)
            raise

    def _release(self, name: str, container: _Container | None) -> None:
        evicted: list[_Container] = []
        with self._changed:
            self._busy[name] -= 1
            if container is not None and not self._closed:
                self._idle[name].append(container)
                idle = sorted((c for cs in self._idle.values() for c in cs), key=lambda c: c.last_used)
                for old in idle[:max(0, len(idle) - self._max_warm)]:
                    self._idle[old.function.logical_id].remove(old)
                    evicted.append(old)
            elif container is not None:
                evicted.append(container)
            self._changed.notify_all()
        for old in evicted:
            old.kill()

    def _log_for(self, name: str) -> Callable[[str], None]:
        return lambda line: self._output(f"[{name}] {line}")

    def shutdown(self) -> None:
        """Stop every container; invocations still running end with an InvocationError."""
        with self._changed:
            self._closed = True
            containers = [c for cs in self._idle.values() for c in cs]
            for cs in self._idle.values():
                cs.clear()
            self._changed.notify_all()
        for container in containers:
            container.kill()

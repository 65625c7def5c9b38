"""Inside one local Lambda container: a fresh Python process with only its function's environment.

Started by `vitae_devstack.runtime` as `python -m vitae_devstack.container REQUEST_FD RESPONSE_FD`
in the function's code directory. Like Lambda's runtime it puts the code directory on `sys.path`,
imports the handler once (`_HANDLER`, e.g. `app.handler`), then serves invocations one at a time:
each request is a frame `{"event", "requestId", "deadlineEpochMs"}`, each answer a frame
`{"result": ...}` or `{"error": {"errorType", "errorMessage", "stackTrace"}}`. A frame is an 8-byte
big-endian length and that many bytes of JSON. The process ends when the request pipe closes.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
import traceback
import uuid
from typing import Any

_LENGTH = 8


def read_frame(fd: int) -> bytes | None:
    """The next frame's bytes, or None when the pipe is closed."""
    header = _read_exactly(fd, _LENGTH)
    if header is None:
        return None
    data = _read_exactly(fd, int.from_bytes(header, "big"))
    if data is None:
        raise EOFError("the pipe closed in the middle of a frame")
    return data


def write_frame(fd: int, data: bytes) -> None:
    """Write `data` as one frame (its length, then the bytes) to the pipe `fd`."""
    view = memoryview(len(data).to_bytes(_LENGTH, "big") + data)
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks, remaining = [], size
    while remaining:
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


class LambdaContext:
    """The context object Lambda passes to a handler (the attributes Powertools and Vitae read)."""

    def __init__(self, function_name: str, memory_limit_in_mb: int, timeout_seconds: float,
                 aws_request_id: str | None = None, deadline_epoch_ms: int | None = None):
        self.function_name = function_name
        self.memory_limit_in_mb = memory_limit_in_mb
        self.aws_request_id = aws_request_id or str(uuid.uuid4())
        self.function_version = "$LATEST"
        self.invoked_function_arn = f"arn:aws:lambda:local:000000000000:function:{function_name}"
        self.log_group_name = f"/aws/lambda/{function_name}"
        self.log_stream_name = f"local/{self.aws_request_id}"
        self._deadline_ms = deadline_epoch_ms or int((time.time() + timeout_seconds) * 1000)

    def get_remaining_time_in_millis(self) -> int:
        """Milliseconds left before the function's timeout, as Lambda's context reports them."""
        return max(0, self._deadline_ms - int(time.time() * 1000))


def _error(exc: BaseException) -> dict[str, Any]:
    return {"errorType": type(exc).__name__, "errorMessage": str(exc),
            "stackTrace": traceback.format_exception(exc)}


def _load_handler() -> Any:
    module_name, attribute = os.environ["_HANDLER"].rsplit(".", 1)
    return getattr(importlib.import_module(module_name), attribute)


def main() -> None:
    """Serve invocations of the handler named by `_HANDLER` until the request pipe closes."""
    request_fd, response_fd = int(sys.argv[1]), int(sys.argv[2])
    sys.path.insert(0, os.environ["LAMBDA_TASK_ROOT"])
    init_error: dict[str, Any] | None = None
    try:
        handler = _load_handler()
    except Exception as exc:  # reported on every invocation, as Lambda reports an init failure
        traceback.print_exc()
        init_error = {**_error(exc), "errorType": f"Runtime.ImportModuleError: {type(exc).__name__}"}
    while (frame := read_frame(request_fd)) is not None:
        request = json.loads(frame)
        if init_error is not None:
            answer: dict[str, Any] = {"error": init_error}
        else:
            context = LambdaContext(os.environ["AWS_LAMBDA_FUNCTION_NAME"],
                                    int(os.environ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"]), 0,
                                    request["requestId"], request["deadlineEpochMs"])
            try:
                answer = {"result": handler(request["event"], context)}
            except Exception as exc:
                traceback.print_exc()
                answer = {"error": _error(exc)}
        try:
            data = json.dumps(answer).encode()
        except (TypeError, ValueError) as exc:  # Lambda cannot serialise such a result either
            data = json.dumps({"error": {**_error(exc), "errorType": "Runtime.MarshalError"}}).encode()
        sys.stdout.flush()
        sys.stderr.flush()
        write_frame(response_fd, data)


if __name__ == "__main__":
    main()

"""Runs functions in-process like Lambda does: one module instance per function, a few reused
worker threads as its warm containers, a context object, and the function's timeout."""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any

from vitae_devstack.template import Function


class InvocationError(Exception):
    """The function raised or timed out, as Lambda would report it."""

    def __init__(self, function: str, kind: str, message: str):
        super().__init__(f"{function}: {kind}: {message}")
        self.kind = kind


@dataclass
class LambdaContext:
    function_name: str
    memory_limit_in_mb: int
    timeout_seconds: int
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"
    started: float = field(default_factory=time.monotonic)

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:local:000000000000:function:{self.function_name}"

    @property
    def log_group_name(self) -> str:
        return f"/aws/lambda/{self.function_name}"

    @property
    def log_stream_name(self) -> str:
        return f"local/{self.aws_request_id}"

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.timeout_seconds - (time.monotonic() - self.started)) * 1000))


class Runtime:
    def __init__(self, functions: dict[str, Function], containers_per_function: int = 4):
        self.functions = functions
        self._handlers: dict[str, Any] = {}
        self._pools = {
            name: ThreadPoolExecutor(max_workers=containers_per_function, thread_name_prefix=name)
            for name in functions
        }
        self._lock = threading.Lock()

    def handler(self, name: str):
        with self._lock:
            if name not in self._handlers:
                function = self.functions[name]
                module_name, attribute = function.handler.rsplit(".", 1)
                path = function.code_uri / f"{module_name.replace('.', '/')}.py"
                spec = importlib.util.spec_from_file_location(f"vitae_fn_{name}", path)
                module = importlib.util.module_from_spec(spec)
                sys.modules[spec.name] = module
                spec.loader.exec_module(module)
                self._handlers[name] = getattr(module, attribute)
            return self._handlers[name]

    def context(self, name: str) -> LambdaContext:
        function = self.functions[name]
        return LambdaContext(name, function.memory, function.timeout)

    def invoke(self, name: str, event: dict[str, Any]) -> Any:
        if name not in self.functions:
            raise KeyError(f"no function {name!r} in template.yaml (have: {', '.join(sorted(self.functions))})")
        function = self.functions[name]
        handler = self.handler(name)
        context = self.context(name)
        future = self._pools[name].submit(handler, event, context)
        try:
            return future.result(timeout=function.timeout)
        except FutureTimeout:
            future.cancel()  # still queued behind busy containers: it must not run later
            raise InvocationError(name, "Task timed out", f"after {function.timeout} seconds") from None
        except Exception as exc:
            raise InvocationError(name, type(exc).__name__, str(exc)) from exc

    def shutdown(self) -> None:
        for pool in self._pools.values():
            pool.shutdown(wait=False, cancel_futures=True)

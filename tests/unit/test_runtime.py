"""The local Lambda runtime: a process per container with only its function's environment, warm
reuse, timeouts that stop the work, crashes, init errors and Lambda's payload limits."""

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from vitae_devstack.runtime import PAYLOAD_LIMIT_BYTES, InvocationError, PayloadTooLarge, Runtime
from vitae_devstack.template import Function

HANDLERS = Path(__file__).parent / "handlers"


@pytest.fixture
def runtime(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://only-in-the-devstack-process")
    functions = {
        "Probe": Function("Probe", HANDLERS / "probe", "app.handler", timeout=2, memory=256,
                          environment={"DATABASE_URL_PARAM": "/vitae/t/database-url", "STAGE": "t"}),
        "Broken": Function("Broken", HANDLERS / "broken", "app.handler", timeout=2, memory=128),
    }
    lines: list[str] = []
    runtime = Runtime(functions, base_environment={"AWS_REGION": "eu-west-1"}, output=lines.append)
    runtime.lines = lines  # type: ignore[attr-defined]
    yield runtime
    runtime.shutdown()


def test_a_container_has_its_functions_environment_and_nothing_else_of_the_devstacks(runtime):
    answer = runtime.invoke("Probe", {})
    env = answer["env"]
    assert env["DATABASE_URL_PARAM"] == "/vitae/t/database-url"
    assert env["STAGE"] == "t"
    assert env["AWS_REGION"] == "eu-west-1"
    assert env["AWS_LAMBDA_FUNCTION_NAME"] == "Probe" == answer["functionName"]
    assert env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] == "256"
    assert "DATABASE_URL" not in env  # set in the devstack's process, not declared by the function
    assert answer["pid"] != os.getpid()
    assert 0 < answer["remainingMs"] <= 2000


def test_warm_containers_are_reused_and_concurrent_calls_get_their_own(runtime):
    first, second = runtime.invoke("Probe", {}), runtime.invoke("Probe", {})
    assert second["pid"] == first["pid"] and second["invocations"] == 2
    with ThreadPoolExecutor(max_workers=3) as pool:
        answers = list(pool.map(lambda _: runtime.invoke("Probe", {"sleep": 0.5}), range(3)))
    assert len({a["pid"] for a in answers}) == 3


def test_a_timed_out_invocation_is_killed_and_the_next_one_starts_fresh(runtime):
    pid = runtime.invoke("Probe", {})["pid"]
    with pytest.raises(InvocationError) as failure:
        runtime.invoke("Probe", {"sleep": 30})
    assert failure.value.kind == "Task timed out"
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the container that ran it is gone, with whatever it was doing
    assert runtime.invoke("Probe", {})["invocations"] == 1


def test_a_container_that_exits_fails_its_invocation_only(runtime):
    with pytest.raises(InvocationError) as failure:
        runtime.invoke("Probe", {"exit": 3})
    assert failure.value.kind == "Runtime.ExitError"
    assert runtime.invoke("Probe", {})["invocations"] == 1


def test_an_import_error_fails_every_invocation_like_a_lambda_init_error(runtime):
    for _ in range(2):
        with pytest.raises(InvocationError) as failure:
            runtime.invoke("Broken", {})
        assert failure.value.kind.startswith("Runtime.ImportModuleError")
        assert "a_module_that_does_not_exist" in str(failure.value)


def test_payloads_beyond_lambdas_six_megabytes_are_refused_both_ways(runtime):
    with pytest.raises(PayloadTooLarge) as request:
        runtime.invoke("Probe", {"padding": "x" * PAYLOAD_LIMIT_BYTES})
    assert request.value.kind == "RequestEntityTooLargeException"
    assert len(runtime.invoke("Probe", {"big": PAYLOAD_LIMIT_BYTES - 1024})) == PAYLOAD_LIMIT_BYTES - 1024
    with pytest.raises(PayloadTooLarge) as response:
        runtime.invoke("Probe", {"big": PAYLOAD_LIMIT_BYTES + 1})
    assert response.value.kind == "Function.ResponseSizeTooLarge"


def test_container_output_is_printed_with_the_functions_name(runtime):
    from vitae_devstack.services import wait_until

    with pytest.raises(InvocationError):
        runtime.invoke("Broken", {})
    wait_until(lambda: any(line.startswith("[Broken] ") and "ModuleNotFoundError" in line for line in runtime.lines),
               "the container's traceback", timeout=5)

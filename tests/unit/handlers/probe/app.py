"""A test function whose behaviour the event chooses: report its environment or pid, count warm
invocations, sleep, exit abruptly, or answer with a large payload."""

import os
import time

invocations = 0


def handler(event, context):
    global invocations
    invocations += 1
    if "sleep" in event:
        time.sleep(event["sleep"])
    if "exit" in event:
        os._exit(event["exit"])
    if "big" in event:
        return "x" * event["big"]
    return {"env": dict(os.environ), "pid": os.getpid(), "invocations": invocations,
            "remainingMs": context.get_remaining_time_in_millis(), "functionName": context.function_name}

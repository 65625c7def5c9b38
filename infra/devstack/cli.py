"""vitae-dev: run Vitae on this machine without Docker.

  vitae-dev up                              everything: services, resources, migrations, gateway, pump
  vitae-dev invoke FUNCTION -e EVENT.json   run one function once (like `sam local invoke`)
  vitae-dev functions                       list the functions of every stack, with their routes
  vitae-dev token --user-id ID [--email E] [--role R]   print a signed access token
  vitae-dev login [--email E]               open a session as sign-in would: access and refresh token
  vitae-dev migrate                         apply pending migrations
  vitae-dev openapi [--check]               regenerate the OpenAPI document in the layer
  vitae-dev localstack                      run LocalStack (host mode) in the foreground
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

from vitae_devstack.stack import DEMO_EMAIL, Devstack


def _up(args: argparse.Namespace) -> int:
    started = time.monotonic()
    devstack = Devstack()
    devstack.up()
    port = int(os.environ.get("VITAE_PORT", "3000"))
    url = devstack.serve(port=port)
    devstack.announce(url)
    from vitae.platform.tokens import issue_access_token

    token = issue_access_token(devstack.seed_demo_user(), DEMO_EMAIL, ttl_seconds=12 * 3600)
    print(f"""
Vitae is running at {url}  (ready in {time.monotonic() - started:.1f}s)
  database  {_redact(os.environ['DATABASE_URL'])}
  cache     {_redact(os.environ['REDIS_URL'])}
  AWS       {os.environ['AWS_ENDPOINT_URL']}
  Ollama    {os.environ.get('OLLAMA_HOST') or 'not configured'}

Demo user token (12 h):
  {token}

Try:  curl {url}/v1/health
      curl -H "Authorization: Bearer $TOKEN" {url}/v1/auth/me
API docs: {url}/docs  (the document: {url}/v1/openapi.json)
Press Ctrl+C to stop.""", flush=True)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    devstack.stop()
    return 0


def _redact(url: str) -> str:
    from urllib.parse import urlsplit

    password = urlsplit(url).password
    return url.replace(f":{password}@", ":***@") if password else url


def _invoke(args: argparse.Namespace) -> int:
    devstack = Devstack.joining_running()
    devstack.up()
    event = json.loads(Path(args.event).read_text()) if args.event else {}
    try:
        if args.in_process:
            os.environ.update(devstack.local_environment())
            result = devstack.invoke_in_process(args.function, event)
        else:
            assert devstack.runtime is not None
            result = devstack.runtime.invoke(args.function, event)
    finally:
        devstack.stop()
    print(json.dumps(result, indent=2, default=str))
    return 0


def _functions(args: argparse.Namespace) -> int:
    from vitae_devstack.template import ROOT, Stack

    stack = Stack.root({})
    routes: dict[str, list[str]] = {}
    for route in stack.routes():
        routes.setdefault(route.function, []).append(route.route_key)
        if route.authorizer:
            routes[route.authorizer] = ["(the authorizer)"]
    for name, function in sorted(stack.functions().items(), key=lambda kv: str(kv[1].code_uri)):
        where = function.code_uri.relative_to(ROOT)
        print(f"{name:<34} {where!s:<44} {', '.join(sorted(routes.get(name, []))) or '(events and schedules)'}")
    return 0


def _token(args: argparse.Namespace) -> int:
    devstack = Devstack()
    devstack.services.local_secret("JWT_SECRET")
    from vitae.platform.auth import Role
    from vitae.platform.tokens import issue_access_token

    print(issue_access_token(args.user_id, args.email, Role(args.role), args.ttl))
    return 0


def _login(args: argparse.Namespace) -> int:
    devstack = Devstack.joining_running()
    devstack.services.database()
    devstack.services.local_secret("JWT_SECRET")
    devstack.migrate()
    try:
        from vitae.auth import local

        pair = local.sign_in(args.email)
    finally:
        devstack.services.stop()
    print(json.dumps(pair.model_dump(mode="json", by_alias=True), indent=2))
    return 0


def _migrate(args: argparse.Namespace) -> int:
    devstack = Devstack.joining_running()
    devstack.services.database()
    applied = devstack.migrate()
    print(f"applied {len(applied)} migration(s)" + (f": {', '.join(applied)}" if applied else ""))
    devstack.services.stop()
    return 0


def _openapi(args: argparse.Namespace) -> int:
    from vitae_devstack import openapi

    relative = openapi.DOCUMENT.relative_to(openapi.ROOT)
    if args.check:
        if openapi.DOCUMENT.exists() and openapi.DOCUMENT.read_text() == openapi.render(openapi.build()):
            print(f"{relative} is up to date")
            return 0
        print(f"{relative} differs from what the handlers and templates declare: run `vitae-dev openapi`")
        return 1
    print(f"{relative} {'written' if openapi.write() else 'unchanged'}")
    return 0


def _localstack(args: argparse.Namespace) -> int:
    from vitae_devstack.services import start_localstack

    url, process = start_localstack(Path(args.state_dir), port=args.port)
    print(f"LocalStack is running at {url}; export AWS_ENDPOINT_URL={url}", flush=True)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()


def main(argv: list[str] | None = None) -> int:
    """The `vitae-dev` command line; returns the process's exit status."""
    parser = argparse.ArgumentParser(prog="vitae-dev", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("up", help="run everything").set_defaults(run=_up)
    invoke = commands.add_parser("invoke", help="run one function once")
    invoke.add_argument("function",
                        help="a function's logical id (vitae-dev functions lists them), e.g. HealthFunction")
    invoke.add_argument("-e", "--event", help="a JSON event file, e.g. events/platform/health.json")
    invoke.add_argument("--in-process", action="store_true",
                        help="run the handler in this process, for a debugger (it sees every function's settings)")
    invoke.set_defaults(run=_invoke)
    commands.add_parser("functions", help="list the functions and their routes").set_defaults(run=_functions)
    token = commands.add_parser("token", help="print a signed access token")
    token.add_argument("--user-id", required=True)
    token.add_argument("--email")
    token.add_argument("--role", default="user", choices=["user", "admin", "service"])
    token.add_argument("--ttl", type=int, default=None, help="lifetime in seconds (default: the access token TTL)")
    token.set_defaults(run=_token)
    login = commands.add_parser("login", help="open a session (access and refresh token) as sign-in would")
    login.add_argument("--email", default=DEMO_EMAIL, help=f"the user's email (created if new; default {DEMO_EMAIL})")
    login.set_defaults(run=_login)
    commands.add_parser("migrate", help="apply pending migrations").set_defaults(run=_migrate)
    openapi = commands.add_parser("openapi", help="regenerate the OpenAPI document (layers/vitae/vitae/openapi.json)")
    openapi.add_argument("--check", action="store_true", help="only check that the committed document is current")
    openapi.set_defaults(run=_openapi)
    localstack = commands.add_parser("localstack", help="run LocalStack in host mode")
    localstack.add_argument("--port", type=int, default=4566)
    localstack.add_argument("--state-dir", default=str(Path.home() / ".cache" / "vitae" / "localstack-state"))
    localstack.set_defaults(run=_localstack)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

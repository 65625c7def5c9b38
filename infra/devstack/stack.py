"""One local Vitae: services up, the stacks' resources created, secrets in SSM, schema migrated.

Each function runs with the environment its template declares, resolved to local values, where a
variable the developer set in this process's environment (OLLAMA_HOST, RATE_LIMIT_IP_MAX...) wins
over the template's value. Secrets travel as in AWS: a function gets the SSM parameter names
(`DATABASE_URL_PARAM`...) and reads the values from the local SSM, where the devstack writes the
database and Redis URLs of the services it uses and the local secrets.
"""

from __future__ import annotations

import os
import threading
import uuid
from pathlib import Path
from typing import Any

from vitae_devstack.aws import Provisioner
from vitae_devstack.gateway import Gateway
from vitae_devstack.pump import EventPump
from vitae_devstack.runtime import InvocationError, Runtime
from vitae_devstack.services import Services
from vitae_devstack.template import ROOT, Function, Stack

DEMO_USER_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://vitae.local/users/demo"))
DEMO_EMAIL = "demo@example.com"
# The secrets a function reads through `<NAME>_PARAM`; locally their values are these variables.
SECRET_SUFFIX = "_PARAM"
# Set in every container: there is no X-Ray daemon locally, and EMF metrics would drown the logs.
RUNTIME_DEFAULTS = {"POWERTOOLS_TRACE_DISABLED": "true", "POWERTOOLS_METRICS_DISABLED": "true"}


class Devstack:
    """`overrides`: the developer's settings (default: this process's environment when created);
    a function's declared variable takes its value from here when present."""

    def __init__(self, stage: str | None = None, state_dir: Path | None = None, retry_delay_seconds: int = 2,
                 overrides: dict[str, str] | None = None):
        self.stage = stage or os.environ.get("VITAE_STAGE", "local")
        self.services = Services(state_dir or Path(os.environ.get("VITAE_STATE_DIR", ROOT / ".devstack")))
        self.retry_delay_seconds = retry_delay_seconds
        self.overrides = dict(os.environ) if overrides is None else dict(overrides)
        self.stack: Stack | None = None
        self.functions: dict[str, Function] = {}
        self.environments: dict[str, dict[str, str]] = {}
        self.runtime: Runtime | None = None
        self.pump: EventPump | None = None
        self._server: Any = None
        self._in_process: dict[str, Any] = {}
        self.joined = False  # on a running `vitae-dev up`'s services: its secrets are its own

    @classmethod
    def joining_running(cls) -> Devstack:
        """A devstack on the services of the `vitae-dev up` already running on this state directory
        (its stage, database, Redis and AWS endpoint), so that `invoke` or `migrate` neither start
        a second set nor stop the running one's; a devstack of its own when none runs."""
        devstack = cls()
        running = devstack.services.running()
        if running:
            for key in ("DATABASE_URL", "REDIS_URL", "AWS_ENDPOINT_URL"):
                os.environ[key] = running[key]
            devstack = cls(stage=running["stage"])
            devstack.joined = True
        return devstack

    def announce(self, url: str) -> None:
        """Tell later `vitae-dev` commands on this state directory which services this stack uses."""
        self.services.announce(stage=self.stage, url=url, DATABASE_URL=os.environ["DATABASE_URL"],
                               REDIS_URL=os.environ["REDIS_URL"], AWS_ENDPOINT_URL=os.environ["AWS_ENDPOINT_URL"])

    def start_services(self) -> None:
        """The database, Redis, the AWS endpoint and the local secrets (see Services)."""
        self.services.database()
        self.services.redis()
        self.services.aws()
        self.services.local_secret("JWT_SECRET")
        self.services.local_secret("INTERNAL_TOKEN")
        self.services.local_fernet_key("TOKEN_ENCRYPTION_KEY")

    @property
    def region(self) -> str:
        """The AWS region of the local endpoint."""
        return os.environ["AWS_DEFAULT_REGION"]

    def provision(self) -> Stack:
        """Create the stacks' resources, resolve every function's environment and put the secrets
        the functions name into the local SSM."""
        provisioner = Provisioner(self.region)
        self.stack = Stack.root({"Stage": self.stage, "SsmPrefix": f"vitae/{self.stage}"}, provisioner,
                                name=f"vitae-{self.stage}", region=self.region)
        self.stack.provision_all()
        self.functions = self.stack.functions()
        self.environments = {
            name: {key: self.overrides.get(key, value) for key, value in function.environment.items()}
            for name, function in self.functions.items()
        }
        for name, variable in self.secret_parameters().items():
            if self.joined:
                break  # the running stack wrote them from its own settings; this shell's may differ
            value = os.environ.get(variable) or self.overrides.get(variable)
            if value:
                provisioner.put_secret(name, value)
            else:
                provisioner.delete_secret(name)  # not configured here: the function sees it missing
        self.runtime = self.new_runtime()
        return self.stack

    def secret_parameters(self) -> dict[str, str]:
        """SSM parameter name -> the variable holding its local value, for every `*_PARAM` a
        function declares (DATABASE_URL_PARAM=/vitae/local/database-url -> DATABASE_URL)."""
        return {value: key.removesuffix(SECRET_SUFFIX)
                for env in self.environments.values() for key, value in env.items() if key.endswith(SECRET_SUFFIX)}

    def new_runtime(self, overrides: dict[str, str] | None = None) -> Runtime:
        """Containers for every function; `overrides` replace declared variables (a test's small
        rate limits, say) in this runtime only."""
        environments = {name: {key: (overrides or {}).get(key, value) for key, value in env.items()}
                        for name, env in self.environments.items()}
        base = {key: os.environ[key] for key in ("AWS_DEFAULT_REGION", "AWS_REGION", "AWS_ACCESS_KEY_ID",
                                                  "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL") if key in os.environ}
        base |= {key: self.overrides.get(key, value) for key, value in RUNTIME_DEFAULTS.items()}
        return Runtime(self.functions, environments, base)

    def local_environment(self) -> dict[str, str]:
        """Every function's settings in one environment, with the secrets' values themselves: for
        code that runs in this process (tests calling services, `invoke_in_process`). A variable
        must mean one thing everywhere; FILES_ACCESS, which differs by design, is left out."""
        merged: dict[str, str] = {}
        for env in self.environments.values():
            for key, value in env.items():
                if key == "FILES_ACCESS":
                    continue
                if merged.get(key, value) != value:
                    raise ValueError(f"environment variable {key} differs between functions")
                merged[key] = value
        for variable in self.secret_parameters().values():
            secret = os.environ.get(variable) or self.overrides.get(variable)
            if secret:
                merged[variable] = secret
        return merged

    def handler_in_process(self, name: str) -> Any:
        """`name`'s handler loaded into this process (once), for `invoke_in_process` and benchmarks."""
        if name not in self._in_process:
            function = self.functions[name]
            self._in_process[name] = function.handler_of(function.load_module())
        return self._in_process[name]

    def invoke_in_process(self, name: str, event: Any) -> Any:
        """Run `name`'s handler in this process (breakpoints work), with this process's environment
        rather than the function's own; failures raise InvocationError as a container's would."""
        from vitae_devstack.container import LambdaContext

        function = self.functions[name]
        handler = self.handler_in_process(name)
        try:
            return handler(event, LambdaContext(name, function.memory, function.timeout))
        except Exception as exc:
            raise InvocationError(name, type(exc).__name__, str(exc)) from exc

    def migrate(self) -> list[str]:
        """Apply pending migrations; returns their ids."""
        from vitae.platform.migrations import apply_migrations

        return apply_migrations(os.environ["DATABASE_URL"])

    def seed_demo_user(self) -> str:
        """The demo user (created once); returns its id."""
        import psycopg

        with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
            conn.execute(
                """INSERT INTO users (id, email, username, role) VALUES (%s, %s, 'demo', 'user')
                   ON CONFLICT (id) DO NOTHING""",
                (DEMO_USER_ID, DEMO_EMAIL),
            )
        return DEMO_USER_ID

    def up(self) -> None:
        """Services, resources, secrets, schema and demo user: everything but serving."""
        self.start_services()
        self.provision()
        self.migrate()
        self.seed_demo_user()

    def gateway(self, runtime: Runtime | None = None) -> Gateway:
        """The local API Gateway over the stacks' routes, run by `runtime` (default: this devstack's)."""
        assert self.stack is not None and self.runtime is not None
        return Gateway(runtime or self.runtime, self.stack.routes(), self.stack.authorizer_cache_seconds())

    def serve(self, host: str = "127.0.0.1", port: int = 3000) -> str:
        """Start the gateway (with the API docs at /docs) and the event pump in background threads;
        returns the base URL."""
        from werkzeug.serving import make_server

        from vitae_devstack.docs import with_docs

        assert self.stack is not None and self.runtime is not None
        self._server = make_server(host, port, with_docs(self.gateway()), threaded=True)
        threading.Thread(target=self._server.serve_forever, name="gateway", daemon=True).start()
        self.pump = EventPump(self.stack, self.runtime, self.region, self.retry_delay_seconds)
        self.pump.start()
        return f"http://{host}:{self._server.server_port}"

    def stop_serving(self) -> None:
        """Stop the event pump and the gateway."""
        if self.pump:
            self.pump.stop()
            self.pump = None
        if self._server:
            self._server.shutdown()
            self._server = None

    def stop(self) -> None:
        """Stop serving, every container and the services this devstack started."""
        self.stop_serving()
        if self.runtime:
            self.runtime.shutdown()
        self.services.stop()

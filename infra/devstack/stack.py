"""One local Vitae: services up, template resources created, environment set, schema migrated."""

from __future__ import annotations

import os
import threading
import uuid
from pathlib import Path

from vitae_devstack.aws import Provisioner
from vitae_devstack.gateway import Gateway
from vitae_devstack.pump import EventPump
from vitae_devstack.runtime import Runtime
from vitae_devstack.services import Services
from vitae_devstack.template import ROOT, Stack, load

DEMO_USER_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "https://vitae.local/users/demo"))
DEMO_EMAIL = "demo@vitae.local"


class Devstack:
    def __init__(self, stage: str | None = None, state_dir: Path | None = None, retry_delay_seconds: int = 2):
        self.stage = stage or os.environ.get("VITAE_STAGE", "local")
        self.services = Services(state_dir or Path(os.environ.get("VITAE_STATE_DIR", ROOT / ".devstack")))
        self.retry_delay_seconds = retry_delay_seconds
        self.stack: Stack | None = None
        self.runtime: Runtime | None = None
        self.pump: EventPump | None = None
        self._server = None

    def start_services(self) -> None:
        self.services.database()
        self.services.redis()
        self.services.aws()
        self.services.local_secret("JWT_SECRET")
        self.services.local_secret("INTERNAL_TOKEN")

    def provision(self) -> Stack:
        """Create the template's resources and export the functions' environment (explicit
        settings in this process's environment win over the template's values)."""
        region = os.environ["AWS_DEFAULT_REGION"]
        parameters = {
            "Stage": self.stage,
            "OllamaHost": os.environ.get("OLLAMA_HOST", "http://127.0.0.1:11434"),
            "LogLevel": os.environ.get("POWERTOOLS_LOG_LEVEL", "INFO"),
        }
        self.stack = Stack(load(), f"vitae-{self.stage}", parameters, Provisioner(region), region=region)
        self.stack.provision_all()
        for key, value in self.stack.environment().items():
            os.environ.setdefault(key, value)
        os.environ.setdefault("POWERTOOLS_TRACE_DISABLED", "true")
        os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
        self.runtime = Runtime(self.stack.functions())
        return self.stack

    def migrate(self) -> list[str]:
        from vitae.platform.migrations import apply_migrations

        return apply_migrations()

    def seed_demo_user(self) -> str:
        from vitae.platform import db

        with db.transaction() as conn:
            conn.execute(
                """INSERT INTO users (id, email, username, role) VALUES (%s, %s, 'demo', 'user')
                   ON CONFLICT (id) DO NOTHING""",
                (DEMO_USER_ID, DEMO_EMAIL),
            )
        return DEMO_USER_ID

    def up(self) -> None:
        self.start_services()
        self.provision()
        self.migrate()
        self.seed_demo_user()

    def gateway(self) -> Gateway:
        return Gateway(self.runtime, self.stack.routes(), self.stack.authorizer_cache_seconds())

    def serve(self, host: str = "127.0.0.1", port: int = 3000) -> str:
        """Start the gateway and the event pump in background threads; returns the base URL."""
        from werkzeug.serving import make_server

        self._server = make_server(host, port, self.gateway(), threaded=True)
        threading.Thread(target=self._server.serve_forever, name="gateway", daemon=True).start()
        self.pump = EventPump(self.stack, self.runtime, os.environ["AWS_DEFAULT_REGION"], self.retry_delay_seconds)
        self.pump.start()
        return f"http://{host}:{self._server.server_port}"

    def stop_serving(self) -> None:
        if self.pump:
            self.pump.stop()
            self.pump = None
        if self._server:
            self._server.shutdown()
            self._server = None

    def stop(self) -> None:
        self.stop_serving()
        if self.runtime:
            self.runtime.shutdown()
        self.services.stop()

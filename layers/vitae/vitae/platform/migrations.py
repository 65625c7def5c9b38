"""Schema migrations: plain SQL files in `vitae/migrations`, applied by yoyo under its lock."""

from pathlib import Path

from vitae.platform.config import database_url

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def yoyo_url(url: str) -> str:
    """yoyo names its psycopg 3 backend `postgresql+psycopg`."""
    scheme, sep, rest = url.partition("://")
    return f"postgresql+psycopg://{rest}" if scheme in ("postgres", "postgresql") and sep else url


def apply_migrations(url: str | None = None) -> list[str]:
    """Apply every pending migration; returns the ids applied (empty when up to date)."""
    from yoyo import get_backend, read_migrations

    backend = get_backend(yoyo_url(url or database_url()))
    migrations = read_migrations(str(MIGRATIONS_DIR))
    with backend.lock():
        pending = backend.to_apply(migrations)
        backend.apply_migrations(pending)
    return [m.id for m in pending]

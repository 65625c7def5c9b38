"""The local LLM, served by Ollama at OLLAMA_HOST, through the official client."""

from vitae.platform.config import settings


class AiUnavailable(Exception):
    pass


def client(timeout: float):
    import ollama

    host = settings().ollama_host
    if not host:
        raise AiUnavailable("OLLAMA_HOST is not configured")
    return ollama.Client(host=host, timeout=timeout)


def ping() -> list[str]:
    """The models the Ollama server has; raises when it cannot be reached."""
    listing = client(settings().dependency_timeout_seconds).list()
    return [m.model for m in listing.models]

"""Settings read once per container from the environment.

Secrets (database URL, Redis URL, JWT secret...) are given directly in the environment locally, or
as SSM parameter names (`*_PARAM`) in AWS, resolved at first use so they never sit in the function
configuration. A secret that is not there raises NotConfigured, one that cannot be read Unavailable
(`vitae.platform.errors`); each caller decides how to degrade.
"""

import os
from functools import cache

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr

from vitae.platform.errors import NotConfigured, Unavailable


class Settings(BaseModel):
    """Every setting, each from the environment variable of its name in capitals (STAGE, REDIS_URL...),
    validated and converted as its type says; see `settings()`."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    stage: str = "local"
    aws_region: str = Field("us-east-1", validation_alias=AliasChoices("aws_region", "aws_default_region"))
    aws_endpoint_url: str | None = None

    database_url: SecretStr | None = None
    database_url_param: str | None = None
    redis_url: SecretStr | None = None
    redis_url_param: str | None = None
    valkey_prefix: str = "local:"

    files_bucket: str | None = None
    # What this function's code may do in the bucket, as its IAM role allows it: comma-separated
    # `prefix:op+op` with op in get, put, delete, list ("avatars/:get+put,exports/:get"; ":list" is
    # the bucket itself). Unset: anything (code outside a function: tests, tools). See storage.bucket_for.
    files_access: str | None = None
    event_bus_name: str = "vitae-events"
    event_source: str = "vitae"
    event_log_queue_url: str | None = None
    alerts_topic_arn: str | None = None  # critical errors; unset: logged only

    ollama_host: str | None = None
    # One model per kind of task (DESIGN.md 3, AI); any model the Ollama server has pulled.
    ollama_fast_model: str = "llama3.2"
    ollama_reasoning_model: str = "llama3.1:8b"
    ollama_coding_model: str = "qwen2.5-coder:7b"
    ai_timeout_seconds: float = Field(30.0, gt=0)
    ai_max_attempts: int = Field(2, ge=1, le=5)
    # Embeddings (/api/embed) of jobs and profiles for recommendations; 768 dimensions (migration 0014).
    ollama_embed_model: str = "nomic-embed-text"
    # A profile is embedded while its recommendations are asked for: past this, they go without.
    ai_embed_timeout_seconds: float = Field(3.0, gt=0)
    # The context window every chat call asks for (Ollama's `num_ctx` option; its own default is
    # 2048 or 4096 tokens whatever the model can take, and it cuts longer prompts silently), and
    # the part of it kept for the reply: the chat history is trimmed to what is left.
    ai_num_ctx: int = Field(8192, ge=2048, le=131072)
    ai_reply_tokens: int = Field(1024, ge=256, le=8192)
    # The assistant's AI requests per user (chat messages, tailoring, skills gaps): 429 past either.
    ai_quota_per_minute: int = Field(10, gt=0)
    ai_quota_per_day: int = Field(200, gt=0)
    # A chat reply or AI job whose run failed (Ollama down) comes back this soon, not after its
    # queue's visibility timeout, which is sized for the longest run.
    ai_retry_delay_seconds: int = Field(30, ge=0, le=900)

    # Profile sync (DESIGN.md 6): GitHub's REST API, and how many repositories a sync reads (each
    # costs one /languages request: 30 fit in an anonymous hour's 60).
    github_api_url: str = "https://api.github.com"
    github_max_repos: int = Field(30, ge=1, le=100)
    # Fernet keys (cryptography.io) encrypting the providers' access tokens kept for the profile sync,
    # comma-separated, the first encrypting and all decrypting (rotation: put the new key first).
    token_encryption_key: SecretStr | None = None
    token_encryption_key_param: str | None = None

    jwt_secret: SecretStr | None = None
    jwt_secret_param: str | None = None
    internal_token: SecretStr | None = None
    internal_token_param: str | None = None
    refresh_token_ttl_seconds: int = Field(7 * 24 * 3600, gt=0)
    oidc_issuer: str | None = None
    oidc_jwks_url: str | None = None
    oidc_audience: str | None = None
    oidc_jwks_cache_seconds: int = Field(300, gt=0)
    oidc_jwks_refresh_cooldown_seconds: float = Field(30, ge=0)  # unknown key ids cannot force fetches faster
    oauth_providers: SecretStr | None = None  # JSON: {"github": {"clientId": ..., "clientSecret": ...}}
    oauth_providers_param: str | None = None
    frontend_url: str = "http://localhost:5173"
    rate_limit_ip_max: int = Field(100, gt=0)
    rate_limit_ip_window_seconds: int = Field(900, gt=0)
    rate_limit_auth_max: int = Field(20, gt=0)
    rate_limit_auth_window_seconds: int = Field(900, gt=0)
    # POST /v1/matching/processings per user (seed [D]): a counter over a window, then a block.
    matching_rate_limit_max: int = Field(10, gt=0)
    matching_rate_limit_window_seconds: int = Field(60, gt=0)
    matching_block_seconds: int = Field(30, gt=0)
    jwt_issuer: str = "vitae"
    jwt_audience: str = "vitae-api"
    access_token_ttl_seconds: int = Field(900, gt=0)

    dependency_timeout_seconds: float = Field(2.0, gt=0)
    # After Redis failed to answer, a container leaves it alone this long (vitae.platform.cache).
    cache_retry_after_seconds: float = Field(10.0, ge=0)
    # Client-side bound on every database round trip (vitae.platform.db): below the functions'
    # timeouts, so a database that hangs is answered with a 503 rather than the gateway's timeout.
    database_statement_timeout_seconds: float = Field(5.0, gt=0)
    # How long an Idempotency-Key is remembered (vitae.platform.idempotency).
    idempotency_key_ttl_seconds: int = Field(24 * 3600, gt=0)
    max_request_body_bytes: int = Field(6 * 1024 * 1024, gt=0)


@cache
def settings() -> Settings:
    """The container's settings, read from the environment once: variable names are not case
    sensitive, unknown ones are ignored, a value that does not fit its setting raises ValidationError.
    (A plain pydantic model over os.environ: pydantic-settings did the same at a third of a cold start's
    imports.)"""
    return Settings.model_validate({name.lower(): value for name, value in os.environ.items()})


@cache
def _ssm():
    import boto3
    from botocore.config import Config

    s = settings()
    # A secret is read on a request's path: bounded like every dependency, one retry at most.
    return boto3.client("ssm", region_name=s.aws_region, config=Config(
        connect_timeout=s.dependency_timeout_seconds, read_timeout=s.dependency_timeout_seconds,
        retries={"total_max_attempts": 2, "mode": "standard"}))


@cache
def _ssm_parameter(name: str) -> str:
    """The decrypted value of the SSM parameter `name`, kept for the container's life once read.

    Raises NotConfigured when the parameter does not exist, Unavailable (dependency "ssm") when it
    cannot be read: access denied, throttled, timed out, endpoint unreachable. Their messages may
    reach clients, so the parameter's name is only in the chained cause (see Unavailable.reason)."""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        return _ssm().get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        if code == "ParameterNotFound":
            raise NotConfigured("A secret's SSM parameter does not exist", dependency="ssm") from error
        raise Unavailable("A secret's SSM parameter could not be read", dependency="ssm") from error
    except BotoCoreError as error:  # no answer within the timeouts, no connection, no credentials
        raise Unavailable("A secret's SSM parameter could not be read", dependency="ssm") from error


def secret(name: str) -> str:
    """The secret setting `name` (e.g. "redis_url"): its value from the environment (REDIS_URL),
    else the SSM SecureString parameter its `<name>_param` setting names (REDIS_URL_PARAM).

    Raises NotConfigured when neither is set or the parameter does not exist, Unavailable when the
    parameter cannot be read within DEPENDENCY_TIMEOUT_SECONDS (see `_ssm_parameter`)."""
    s = settings()
    value: SecretStr | None = getattr(s, name)
    param_name: str | None = getattr(s, f"{name}_param")
    if value is not None:
        return value.get_secret_value()
    if param_name:
        return _ssm_parameter(param_name)
    raise NotConfigured(f"{name} is not configured: set {name.upper()} or {name.upper()}_PARAM", dependency=name)


def database_url() -> str:
    """The PostgreSQL connection string (DATABASE_URL or DATABASE_URL_PARAM); see `secret`."""
    return secret("database_url")


def redis_url() -> str:
    """The Redis/Valkey URL (REDIS_URL or REDIS_URL_PARAM); see `secret`."""
    return secret("redis_url")


def jwt_secret() -> str:
    """The HS256 secret of Vitae's access tokens (JWT_SECRET or JWT_SECRET_PARAM); see `secret`."""
    return secret("jwt_secret")


def internal_token() -> str:
    """What internal services send as X-Internal-Token (INTERNAL_TOKEN or INTERNAL_TOKEN_PARAM); see `secret`."""
    return secret("internal_token")


def token_encryption_key() -> str:
    """The Fernet keys of stored provider tokens (TOKEN_ENCRYPTION_KEY or TOKEN_ENCRYPTION_KEY_PARAM); see `secret`."""
    return secret("token_encryption_key")


def oauth_providers() -> str:
    """The sign-in providers' JSON; NotConfigured means sign-in with providers is off."""
    return secret("oauth_providers")


# Settings that name a secret or an AWS resource. A function whose code reads one must have it in its
# environment (a secret as `<NAME>_PARAM`, the name of its SSM parameter) and be granted what it
# names, and nothing else; tests/infra proves both from the templates and the functions' imports.
RESOURCE_SETTINGS = frozenset({
    "database_url", "redis_url", "jwt_secret", "internal_token", "oauth_providers", "token_encryption_key",
    "files_bucket", "event_bus_name", "alerts_topic_arn", "event_log_queue_url",
})

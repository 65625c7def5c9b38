"""Settings read once per container from the environment.

Secrets (database URL, Redis URL, JWT secret) are given directly in the environment locally, or as
SSM parameter names (`*_PARAM`) in AWS, resolved at first use so they never sit in the function
configuration.
"""

from functools import cache

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    stage: str = "local"
    aws_region: str = Field("us-east-1", validation_alias=AliasChoices("AWS_REGION", "AWS_DEFAULT_REGION"))
    aws_endpoint_url: str | None = None

    database_url: SecretStr | None = None
    database_url_param: str | None = None
    redis_url: SecretStr | None = None
    redis_url_param: str | None = None
    valkey_prefix: str = "local:"

    files_bucket: str = "vitae-files"
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
    jwt_issuer: str = "vitae"
    jwt_audience: str = "vitae-api"
    access_token_ttl_seconds: int = Field(900, gt=0)

    dependency_timeout_seconds: float = Field(2.0, gt=0)
    max_request_body_bytes: int = Field(6 * 1024 * 1024, gt=0)


@cache
def settings() -> Settings:
    return Settings()


@cache
def _ssm_parameter(name: str) -> str:
    from aws_lambda_powertools.utilities.parameters import get_parameter

    return get_parameter(name, decrypt=True)


def secret(value: SecretStr | None, param_name: str | None, what: str) -> str:
    """The secret given directly, else the SSM parameter that holds it."""
    if value is not None:
        return value.get_secret_value()
    if param_name:
        return _ssm_parameter(param_name)
    raise RuntimeError(f"{what} is not configured: set {what.upper()} or {what.upper()}_PARAM")


def _configured_secret(name: str) -> str:
    """The secret setting `name`, given directly or through its `<name>_param` SSM parameter."""
    s = settings()
    return secret(getattr(s, name), getattr(s, f"{name}_param"), name)


def database_url() -> str:
    return _configured_secret("database_url")


def redis_url() -> str:
    return _configured_secret("redis_url")


def jwt_secret() -> str:
    return _configured_secret("jwt_secret")


def internal_token() -> str:
    return _configured_secret("internal_token")


def oauth_providers() -> str:
    s = settings()
    if s.oauth_providers is None and not s.oauth_providers_param:
        return "{}"  # sign-in with providers is off
    return _configured_secret("oauth_providers")

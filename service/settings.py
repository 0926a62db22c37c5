"""The service's typed configuration: environment variables prefixed ``REJECTCHECK_``.

Every limit an integrator can hit lives here, so the API, the docs and the tests agree on it.
"""
from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    """True when `host` only accepts connections from this machine."""
    host = host.strip().strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def split_list(value):
    """Accept `a,b,c` (the usual shape of an environment variable) as well as a list."""
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return value


class Settings(BaseSettings):
    """Configuration of the HTTP service; see each field's description."""

    model_config = SettingsConfigDict(env_prefix="REJECTCHECK_", extra="ignore", frozen=True)

    host: str = Field("127.0.0.1", description="Address the server binds to. API keys are required "
                                               "by default unless this is a loopback address.")
    port: int = Field(8000, ge=0, le=65535)
    workers: int = Field(1, ge=1, le=64, description="uvicorn worker processes for `rejectcheck serve` (and "
                                                    "`python -m service.api`, the same); each loads its own model.")
    model_path: Path | None = Field(None, description="Model artifacts directory; the shipped model if unset.")

    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list, repr=False, description="Accepted X-API-Key values, comma-separated.")
    api_keys_file: Path | None = Field(
        None, description="File with one API key per line (blank lines and # comments ignored).")
    require_api_key: bool | None = Field(
        None, description="Force API keys on or off. Unset: on when keys are configured or the "
                          "host is not a loopback address.")

    rate_limit: int = Field(300, ge=0, description="Requests per key (or client address) per window; 0 disables.")
    rate_limit_window_s: int = Field(60, ge=1)
    auth_failure_limit: int = Field(
        20, ge=0, description="Requests with a missing or wrong API key per client address per window; past it, "
                              "every request from that address gets 429 until the window ends (stops key "
                              "guessing); 0 disables.")

    max_body_bytes: int = Field(4 * 1024 * 1024, ge=1024, description="Largest request body accepted.")
    max_text_chars: int = Field(20_000, ge=1, description="Longest draft accepted, in characters (an HTML body "
                                                          "is measured by its text; its source may be five times "
                                                          "as long). Notes: this, or the feedback drafter's own "
                                                          "limit if lower.")
    max_batch_items: int = Field(100, ge=1)
    body_timeout_s: float = Field(60.0, gt=0, le=3600, description="Longest wait for a request body to arrive, "
                                                                   "once its headers have; past it, 408 "
                                                                   "`request_timeout` (a client that stalls "
                                                                   "mid-body held its connection for good).")

    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Origins allowed by CORS, comma-separated; empty disables CORS.")

    docs_enabled: bool = True
    warm_up: bool = Field(True, description="Check one sample draft at start-up so the first request is fast.")

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def split_comma_lists(cls, value):
        return split_list(value)

    def load_api_keys(self) -> frozenset[str]:
        """Keys from the environment and from `api_keys_file`, read once at start-up."""
        keys = {k for k in self.api_keys if k}
        if self.api_keys_file is not None:
            for line in self.api_keys_file.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    keys.add(line)
        return frozenset(keys)

    def auth_required(self, keys: frozenset[str]) -> bool:
        if self.require_api_key is not None:
            return self.require_api_key
        return bool(keys) or not is_loopback(self.host)

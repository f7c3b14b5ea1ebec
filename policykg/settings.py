"""All configuration, read once from the environment and an optional ``.env``.

Nothing else in the project reads ``os.environ``. The four ``NEO4J_*`` names are
the ones Neo4j's own tools use, so a user's existing environment just works.
When ``NEO4J_URI`` is unset the project runs its embedded ArcadeDB server
(see ``graph/embedded.py``) under ``POLICYKG_HOME``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from policykg.errors import ConfigError

#: The API key a fresh checkout starts with; refused outside development mode.
DEFAULT_API_KEY = "change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # --- graph server -----------------------------------------------------------
    NEO4J_URI: str | None = Field(
        default=None, description="bolt:// or neo4j:// URI; unset = embedded ArcadeDB server"
    )
    NEO4J_USERNAME: str = Field(default="neo4j", description="user on an external server")
    NEO4J_PASSWORD: SecretStr | None = Field(default=None, description="external server password")
    NEO4J_DATABASE: str = Field(default="policykg", description="database name")

    POLICYKG_HOME: Path = Field(
        default=Path("~/.local/share/policykg"),
        description="embedded server data, pid, log and password files",
    )
    POLICYKG_DB_START_TIMEOUT: float = Field(
        default=180.0, gt=0, description="seconds to wait for the embedded server to be ready"
    )
    POLICYKG_DB_TIMEOUT: float = Field(
        default=30.0, gt=0, description="seconds before any single graph call is abandoned"
    )
    POLICYKG_JVM_HEAP: str = Field(default="1g", description="embedded server JVM heap (-Xmx)")

    # --- service -----------------------------------------------------------------
    POLICYKG_MODE: Literal["development", "production"] = "development"
    POLICYKG_API_KEY: SecretStr = Field(
        default=SecretStr(DEFAULT_API_KEY), description="key for write endpoints (X-API-Key)"
    )
    POLICYKG_HOST: str = Field(default="127.0.0.1", description="API bind address")
    POLICYKG_PORT: int = Field(default=8000, ge=1, le=65535, description="API port")
    POLICYKG_CORS_ORIGINS: list[str] = Field(
        default_factory=list, description="allowed CORS origins; empty = CORS closed"
    )
    POLICYKG_MAX_UPLOAD_BYTES: int = Field(
        default=20 * 1024 * 1024, gt=0, description="largest plan file accepted"
    )
    POLICYKG_FETCH_TIMEOUT: float = Field(
        default=120.0, gt=0, description="seconds a plan download may take in all"
    )
    POLICYKG_FETCH_READ_TIMEOUT: float = Field(
        default=30.0, gt=0, description="seconds a plan download may wait for the server"
    )

    # --- source archive ------------------------------------------------------------
    POLICYKG_ARCHIVE_DIR: Path | None = Field(
        default=None, description="source archive folder; unset = $POLICYKG_HOME/archive"
    )

    @field_validator("POLICYKG_HOME")
    @classmethod
    def _expand_home(cls, v: Path) -> Path:
        return v.expanduser()

    @field_validator("POLICYKG_ARCHIVE_DIR")
    @classmethod
    def _expand_archive(cls, v: Path | None) -> Path | None:
        return v.expanduser() if v is not None else None

    @property
    def archive_dir(self) -> Path:
        """Where every ingested plan source is kept (the system of record)."""
        return self.POLICYKG_ARCHIVE_DIR or self.POLICYKG_HOME / "archive"

    @property
    def embedded(self) -> bool:
        """True when the project manages its own ArcadeDB server."""
        return not self.NEO4J_URI

    def check_api_key(self) -> None:
        """Refuse the shipped default key anywhere but development mode."""
        key = self.POLICYKG_API_KEY.get_secret_value()
        if self.POLICYKG_MODE != "development" and (key == DEFAULT_API_KEY or len(key) < 16):
            raise ConfigError(
                "POLICYKG_API_KEY is the default or shorter than 16 characters; "
                "set a real key before running in production mode"
            )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests build their own ``Settings`` instead)."""
    return Settings()

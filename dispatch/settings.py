"""One typed registry of settings (after Picard's options.py).

Every key is declared once, next to the code that uses it, with its type,
default and help text. Values come from, in rising order of precedence: the
default, the TOML settings file, the environment (``SAFEDESK_<KEY>`` with dots
as underscores) and explicit overrides (command-line flags). Tests build an
in-memory store so they never touch the user's file.
"""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from dispatch import paths
from dispatch.errors import InvalidInput

log = logging.getLogger(__name__)
T = TypeVar("T")
_TRUE = {"1", "true", "yes", "on", "ya"}
_FALSE = {"0", "false", "no", "off", "tidak"}


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    kind: type
    default: T
    help: str
    secret: bool = False
    choices: tuple[Any, ...] | None = None

    @property
    def env_name(self) -> str:
        return "SAFEDESK_" + self.key.upper().replace(".", "_").replace("-", "_")

    def coerce(self, value: Any, origin: str) -> T:
        try:
            result = _coerce(self.kind, value)
        except (TypeError, ValueError) as exc:
            raise InvalidInput(f"setting {self.key} from {origin}: {exc}", code="setting.bad_value",
                               key=self.key, origin=origin, detail=str(exc)) from None
        if self.choices is not None and result not in self.choices:
            allowed = ", ".join(map(str, self.choices))
            raise InvalidInput(f"setting {self.key} from {origin}: "
                               f"{result!r} is not one of {allowed}", code="setting.not_one_of",
                               key=self.key, origin=origin, value=result,
                               allowed=tuple(self.choices))
        return result


def _coerce(kind: type, value: Any) -> Any:
    if kind is bool:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(f"{value!r} is not a yes/no value")
    if kind is list:
        if isinstance(value, (list, tuple)):
            return [str(item) for item in value]
        return [item.strip() for item in str(value).split(",") if item.strip()]
    if kind in (int, float):
        if isinstance(value, bool):
            raise ValueError(f"{value!r} is not a number")
        return kind(value)
    return kind(value)


class SettingsRegistry:
    def __init__(self) -> None:
        self._settings: dict[str, Setting[Any]] = {}

    def declare(self, key: str, kind: type, default: Any, help: str, *,
                secret: bool = False, choices: tuple[Any, ...] | None = None) -> Setting[Any]:
        if key in self._settings:
            raise RuntimeError(f"setting {key} declared twice")
        setting = Setting(key, kind, default, help, secret, choices)
        self._settings[key] = setting
        return setting

    def __getitem__(self, key: str) -> Setting[Any]:
        return self._settings[key]

    def __contains__(self, key: str) -> bool:
        return key in self._settings

    def all(self) -> list[Setting[Any]]:
        return sorted(self._settings.values(), key=lambda s: s.key)


REGISTRY = SettingsRegistry()
declare = REGISTRY.declare


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(_flatten(value, key + "."))
        else:
            flat[key] = value
    return flat


class Settings:
    """The values in force for this process."""

    def __init__(self, file_values: Mapping[str, Any] | None = None,
                 environ: Mapping[str, str] | None = None,
                 overrides: Mapping[str, Any] | None = None,
                 source: Path | None = None) -> None:
        self._file = dict(file_values or {})
        self._env = dict(environ or {})
        self._overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
        self.source = source

    @classmethod
    def load(cls, path: Path | None = None, environ: Mapping[str, str] | None = None,
             overrides: Mapping[str, Any] | None = None) -> Settings:
        path = path or Path(os.environ.get("SAFEDESK_SETTINGS") or paths.settings_file())
        values: dict[str, Any] = {}
        if path.exists():
            try:
                values = _flatten(tomllib.loads(path.read_text(encoding="utf-8")))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise InvalidInput(f"settings file {path} is not valid TOML: {exc}",
                                   code="setting.bad_file", path=str(path),
                                   detail=str(exc)) from None
        return cls(values, os.environ if environ is None else environ, overrides, path)

    @classmethod
    def in_memory(cls, values: Mapping[str, Any] | None = None) -> Settings:
        return cls(overrides=values, environ={})

    def get(self, setting: Setting[T] | str) -> T:
        if isinstance(setting, str):
            setting = REGISTRY[setting]
        if setting.key in self._overrides:
            return setting.coerce(self._overrides[setting.key], "the command line")
        if setting.env_name in self._env:
            return setting.coerce(self._env[setting.env_name], f"${setting.env_name}")
        if setting.key in self._file:
            return setting.coerce(self._file[setting.key], str(self.source))
        return setting.default

    __getitem__ = get

    def set(self, setting: Setting[Any] | str, value: Any) -> None:
        """Change a value for this process (a UI preference, a test)."""
        key = setting if isinstance(setting, str) else setting.key
        self._overrides[key] = value

    def describe(self) -> list[dict[str, Any]]:
        """Every declared key with its value in force; secrets masked, so the
        list can be printed or logged."""
        rows = []
        for setting in REGISTRY.all():
            value = self.get(setting)
            rows.append({"key": setting.key, "env": setting.env_name,
                         "value": "***" if setting.secret and value else value,
                         "default": setting.default, "help": setting.help})
        return rows


# Keys of the core. Adapters (telephony, radio, maps, ui) declare their own.
DATABASE_URL = declare("database.url", str, "",
                       "SQLAlchemy URL; empty means the SQLite file in the data directory")
OPERATOR = declare("desk.operator", str, "",
                   "Username recorded in the audit trail; empty means the OS user")
LANGUAGE = declare("ui.language", str, "id", "Language of the desk", choices=("id", "en"))
ETA_DETOUR = declare("eta.detour_factor", float, 1.35,
                     "Road distance over straight-line distance, for the offline ETA")
POSITION_MAX_AGE_S = declare("eta.position_max_age_s", int, 600,
                             "A unit position older than this falls back to its station")
OSRM_URL = declare("routing.osrm_url", str, "",
                   "OSRM server for travel times (table service); empty means offline estimate")
ROUTING_TIMEOUT_S = declare("routing.timeout_s", float, 2.0, "Routing request timeout")
ETA_WARNING_MIN = declare("eta.warning_min", int, 30,
                          "A recommendation or assignment whose best ETA is longer than this "
                          "many minutes is sent with a warning: is the place right?")
GEOCODER_URL = declare("geocoder.url", str, "",
                       "Nominatim server for address search; empty means the gazetteer only")
GEOCODER_TIMEOUT_S = declare("geocoder.timeout_s", float, 3.0, "Geocoder request timeout")
RECORDING_RETENTION_DAYS = declare("recordings.retention_days", int, 90,
                                   "Call recordings older than this are deleted by the purge")

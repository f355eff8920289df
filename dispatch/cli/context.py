"""What every `safedesk` command handler shares: the database, the actor,
JSON output. Handlers take the parsed args and return an exit code."""
from __future__ import annotations

import getpass
import json
import sys
from typing import Any

from dispatch.settings import DATABASE_URL, OPERATOR, Settings
from dispatch.storage import Database, open_database


def settings_of(args: Any) -> Settings:
    settings = getattr(args, "settings", None)
    if settings is None:
        settings = Settings.load()
        args.settings = settings
    return settings


def open_db(args: Any, *, migrate: bool = True) -> Database:
    configured = settings_of(args).get(DATABASE_URL) or None
    return open_database(getattr(args, "db", None) or configured, migrate=migrate)


def actor_of(args: Any) -> str:
    explicit = getattr(args, "operator", None) or settings_of(args).get(OPERATOR)
    if explicit:
        return explicit
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some service contexts
        return "desk"


def print_json(value: Any) -> None:
    # One string, one write: json.dump's indented output goes through the
    # pure-Python encoder in some 30 writes per row (2 MB for 10,000 units).
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n")

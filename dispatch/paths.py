"""Where the desk keeps its files, per platform (Linux, Windows)."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "safedesk"
APP_AUTHOR = "SafeCommunityDenpasar"


def data_dir() -> Path:
    """SAFEDESK_DATA_DIR wins, so tests and kiosks can point the desk elsewhere."""
    override = os.environ.get("SAFEDESK_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    override = os.environ.get("SAFEDESK_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def default_database_path() -> Path:
    return data_dir() / "safedesk.sqlite3"


def recordings_dir() -> Path:
    path = data_dir() / "recordings"
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "resources"

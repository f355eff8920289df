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
    return private_dir(path)


def private_dir(path: Path) -> Path:
    """`path`, made if missing, readable by its owner only (0700 on POSIX):
    it holds callers' numbers, recordings and the journal. A folder an older
    desk made 0755 is tightened the next time it is used."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and path.stat().st_mode & 0o077:
        try:
            os.chmod(path, 0o700)
        except PermissionError:  # not ours (a shared mount): leave it, say nothing here
            pass
    return path


def private_file(path: Path) -> Path:
    """`path` created empty if missing, and made 0600 on POSIX."""
    if os.name != "posix":
        return path
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    if path.stat().st_mode & 0o077:
        try:
            os.chmod(path, 0o600)
        except PermissionError:
            pass
    return path


def config_dir() -> Path:
    override = os.environ.get("SAFEDESK_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def default_database_path() -> Path:
    return data_dir() / "safedesk.sqlite3"


def recordings_dir() -> Path:
    return private_dir(data_dir() / "recordings")


def resources_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "resources"

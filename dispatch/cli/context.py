"""What every `safedesk` command handler shares: the database, who is
signed in, JSON output. Handlers take the parsed args and return an exit code.

Who acts: a command that touches the database signs in first (dispatch/
operators.py), from, in order:
1. `SAFEDESK_OPERATOR` (or `--operator`) with `SAFEDESK_PASSWORD`, for
   scripts, tests and kiosks;
2. the session `safedesk login` saved for this database (same operator);
3. a question on the terminal (username, then the password unseen).
Without any of them it refuses with exit 3. `safedesk init` acts as the
installer (whoever owns the files) and `safedesk serve` as the system.
"""
from __future__ import annotations

import getpass
import json
import os
import sys
from datetime import datetime
from typing import Any

from dispatch import paths
from dispatch.errors import NotSignedIn
from dispatch.permissions import Principal
from dispatch.settings import DATABASE_URL, OPERATOR, Settings
from dispatch.storage import Database, open_database

OPERATOR_ENV = "SAFEDESK_OPERATOR"
PASSWORD_ENV = "SAFEDESK_PASSWORD"


def settings_of(args: Any) -> Settings:
    settings = getattr(args, "settings", None)
    if settings is None:
        settings = Settings.load()
        args.settings = settings
    return settings


def open_db(args: Any, *, migrate: bool = True, acting: Principal | None = None,
            sign_in: bool = True) -> Database:
    """The database, signed in: as `acting` when given (the installer, the
    system), else as the operator the command line names (see above);
    with `sign_in=False` as nobody yet (the window signs in itself)."""
    configured = settings_of(args).get(DATABASE_URL) or None
    database = open_database(getattr(args, "db", None) or configured, migrate=migrate)
    try:
        if acting is not None:
            database.principal = acting
        elif sign_in:
            database.principal = sign_in_for_command(args, database)
    except BaseException:
        database.dispose()
        raise
    args.principal = database.principal
    return database


def named_operator(args: Any) -> str:
    return (getattr(args, "operator", None) or os.environ.get(OPERATOR_ENV)
            or settings_of(args).get(OPERATOR) or "").strip().lower()


def sign_in_for_command(args: Any, database: Database) -> Principal:
    from dispatch.operators import LockPolicy, principal_from_token, sign_in
    policy = LockPolicy.from_settings(settings_of(args))
    username = named_operator(args)
    password = os.environ.get(PASSWORD_ENV)
    if username and password is not None:
        return sign_in(database, username, password, policy=policy)
    saved = saved_session(database)
    if saved is not None and (not username or username == saved["username"]):
        try:
            return principal_from_token(database, saved["token"])
        except NotSignedIn:
            forget_session(database)
            if not sys.stdin.isatty():
                raise
    if sys.stdin.isatty():
        if not username:
            username = input("operator: ").strip().lower()
        return sign_in(database, username, getpass.getpass(f"password for {username}: "),
                       policy=policy)
    raise NotSignedIn(f"sign in first: set {OPERATOR_ENV} and {PASSWORD_ENV}, "
                      "or run `safedesk login`", code="signin.required_cli")


def actor_of(args: Any) -> str:
    """The signed-in operator's username, for the audit trail."""
    principal = getattr(args, "principal", None)
    if principal is not None:
        return principal.username
    return named_operator(args) or "system"


# ------------------------------------------------------------ saved sign-ins

def _sessions_file():
    return paths.config_dir() / "sessions.json"


def _saved_sessions() -> dict:
    try:
        return json.loads(_sessions_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def saved_session(database: Database) -> dict | None:
    saved = _saved_sessions().get(database.describe())
    if not saved:
        return None
    try:
        if datetime.fromisoformat(saved["expires_at"]).timestamp() <= datetime.now().timestamp():
            return None
    except (KeyError, ValueError):
        return None
    return saved


def save_session(database: Database, username: str, token: str, expires: datetime) -> None:
    sessions = _saved_sessions()
    sessions[database.describe()] = {"username": username, "token": token,
                                     "expires_at": expires.isoformat()}
    _write_private(json.dumps(sessions, indent=1))


def forget_session(database: Database) -> bool:
    sessions = _saved_sessions()
    if sessions.pop(database.describe(), None) is None:
        return False
    _write_private(json.dumps(sessions, indent=1))
    return True


def _write_private(text: str) -> None:
    """The token is a password for a shift: 0600 in a 0700 directory,
    written to a temporary file and renamed, never readable by others even
    for a moment."""
    folder = paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    target = _sessions_file()
    temporary = target.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(temporary, 0o600)
    os.replace(temporary, target)


def print_json(value: Any) -> None:
    # One string, one write: json.dump's indented output goes through the
    # pure-Python encoder in some 30 writes per row (2 MB for 10,000 units).
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n")

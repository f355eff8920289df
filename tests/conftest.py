"""Shared fixtures. Qt runs offscreen; QtWebEngine is imported before any
QApplication exists (it must be). Storage tests run on SQLite and PostgreSQL."""
from __future__ import annotations

import os
import shutil
import sys
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox --disable-gpu")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

import PySide6.QtWebEngineWidgets  # noqa: E402,F401  (must precede QApplication)

from ui.map.view import register_url_schemes  # noqa: E402

register_url_schemes()  # custom URL schemes must be known before the QApplication
import pytest  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pgserver import ThrowawayPostgres  # noqa: E402

# The operator every test acts as unless it says otherwise: a supervisor
# (every permission), signed in the way scripts sign in, through the
# environment, so `safedesk` subprocesses act as it too. The templates below
# hold its account; `safedesk init` on a fresh file creates it from the same
# environment. tests/test_operators.py and tests/test_permissions.py sign in
# as other roles.
TEST_OPERATOR = "supervisor"
TEST_PASSWORD = "uji-sandi-2026"


@pytest.fixture(autouse=True)
def _isolated_desk_dirs(tmp_path, monkeypatch):
    """No test reads or writes the user's real settings or database."""
    monkeypatch.setenv("SAFEDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SAFEDESK_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("SAFEDESK_DB", raising=False)
    monkeypatch.delenv("SAFEDESK_SETTINGS", raising=False)
    monkeypatch.setenv("SAFEDESK_OPERATOR", TEST_OPERATOR)
    monkeypatch.setenv("SAFEDESK_PASSWORD", TEST_PASSWORD)


def supervisor_principal():
    from dispatch.enums import Role
    from dispatch.permissions import Principal
    return Principal(TEST_OPERATOR, Role.SUPERVISOR)


def add_test_supervisor(database) -> None:
    """The test supervisor's account, in a template every test copies. Put
    in as a bare row, not through set_admin: tests count the audit trail
    from empty."""
    from dispatch.enums import Role
    from dispatch.models import Operator
    from dispatch.passwords import hash_password
    with database.session() as session:
        session.add(Operator(username=TEST_OPERATOR, full_name="Supervisor Uji",
                             role=Role.SUPERVISOR, active=True, failed_sign_ins=0,
                             password_hash=hash_password(TEST_PASSWORD)))


@pytest.fixture(scope="session")
def postgres_server_url():
    """The server `make test` started, or one of our own when pytest runs alone."""
    url = os.environ.get("SAFEDESK_TEST_PG_URL")
    if url:
        yield url
        return
    server = ThrowawayPostgres()
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="session")
def postgres_template(postgres_server_url):
    """One migrated template database; each test copies it (fast, isolated)."""
    from dispatch.storage import Database
    admin = create_engine(postgres_server_url, isolation_level="AUTOCOMMIT")
    name = f"safedesk_template_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    template_url = postgres_server_url.rsplit("/", 1)[0] + "/" + name
    database = Database(template_url)
    database.migrate()
    add_test_supervisor(database)
    database.dispose()
    yield name
    admin.dispose()


def _fresh_postgres_url(server_url: str, template: str) -> str:
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    name = f"t_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    admin.dispose()
    return server_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """One SQLite file migrated to head, copied for each test, as the
    PostgreSQL template is: five migrations per test cost time (the
    migrations themselves are tested from an empty database in
    tests/test_storage.py)."""
    from dispatch.storage import open_database
    path = tmp_path_factory.mktemp("sqlite-template") / "desk.sqlite3"
    database = open_database(f"sqlite:///{path}")
    add_test_supervisor(database)
    database.dispose()  # the last connection closes: the WAL is folded in
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, migrated, empty database URL on each backend."""
    if request.param == "sqlite":
        path = tmp_path / "desk.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    server = request.getfixturevalue("postgres_server_url")
    template = request.getfixturevalue("postgres_template")
    return _fresh_postgres_url(server, template)


@pytest.fixture
def database(db_url):
    from dispatch.storage import open_database
    database = open_database(db_url)
    database.principal = supervisor_principal()
    yield database
    database.dispose()


@pytest.fixture
def seeded(database):
    """The database with the default Denpasar seed loaded."""
    from dispatch.seed import load_seed_file
    load_seed_file(database, None, actor="test")
    return database


def require_tools(**tools: bool) -> None:
    """A test that needs a Debian tool fails, loudly, when it is missing:
    `make test` installs them all, so a missing one is a broken machine,
    not a reason to pass quietly."""
    missing = [name for name, present in tools.items() if not present]
    if missing:
        pytest.fail(f"not installed: {', '.join(missing)} (make test installs them)")


@pytest.fixture(autouse=True)
def _sipp_for_sip_tests(request):
    """Every test marked `sip` drives SIPp: without it, it fails, not skips."""
    if request.node.get_closest_marker("sip") is not None:
        require_tools(sipp=shutil.which("sipp") is not None)


@pytest.fixture
def start_softphone(seeded):
    """Start desk softphones on free loopback ports, each with an EventLog;
    all stopped (hung up, pjsua destroyed) after the test."""
    from telephony.engine import SoftphoneEngine
    from telephony.settings import SipConfig
    from telephony.testing import EventLog, free_port
    engines = []

    def start(headset=None, **overrides):
        config = SipConfig(**{"host": "127.0.0.1", "port": free_port(),
                              "desk_name": "desk-test", **overrides})
        engine = SoftphoneEngine(seeded, config, actor="test", headset=headset)
        events = EventLog()
        engine.add_listener(events)
        engine.start()
        engines.append(engine)
        return engine, events

    yield start
    for engine in engines:
        engine.stop()

"""Operators sign in: right, wrong, locked; the scripted install; the saved
session of `safedesk login`; supervisors' account commands; refusals that
exit 3 with one line (or one JSON object) and an audit entry; the files
only their owner may read."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import timedelta

import pytest
from conftest import TEST_OPERATOR, TEST_PASSWORD
from sqlalchemy import select

from dispatch.enums import Role
from dispatch.errors import NotSignedIn
from dispatch.models import AuditEntry, Operator
from dispatch.operators import (
    LockPolicy,
    add_operator,
    issue_token,
    principal_from_token,
    sign_in,
)
from dispatch.passwords import hash_password, verify_password
from dispatch.timeutil import utcnow

pytestmark = pytest.mark.postgres


def safedesk(db_url, *args, env=None, stdin=None):
    environment = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "dispatch.cli.main", "--db", db_url, *args],
                          capture_output=True, text=True, timeout=120, env=environment,
                          input=stdin)


def _add(database, username, role, password="sandi-rahasia-1"):
    with database.session() as session:
        add_operator(session, username=username, role=role, password=password, actor="t")


def _actions(database, entity_id):
    with database.reading() as session:
        return [entry.action for entry in session.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == entity_id).order_by(AuditEntry.id))]


def test_a_password_is_stored_only_as_a_scrypt_hash():
    stored = hash_password("kata-sandi-ku")
    assert stored.startswith("scrypt$16384$8$1$") and "kata-sandi-ku" not in stored
    assert verify_password("kata-sandi-ku", stored)
    assert not verify_password("kata-sandi-kU", stored)
    assert hash_password("kata-sandi-ku") != stored  # salted


def test_right_and_wrong_passwords(seeded):
    _add(seeded, "ketut", Role.DISPATCHER)
    principal = sign_in(seeded, "Ketut", "sandi-rahasia-1", audit_success=True)
    assert (principal.username, principal.role) == ("ketut", Role.DISPATCHER)
    with pytest.raises(NotSignedIn) as wrong:
        sign_in(seeded, "ketut", "sandi-salah-99")
    with pytest.raises(NotSignedIn) as unknown:
        sign_in(seeded, "tidak-ada", "sandi-rahasia-1")
    # One sentence for both: the screen does not tell which names exist.
    assert str(wrong.value) == str(unknown.value) == "wrong username or password"
    assert _actions(seeded, "ketut") == ["operator.add", "operator.sign_in",
                                         "operator.sign_in_failed"]


def test_an_account_locks_after_n_failures_for_m_minutes_and_a_reset_unlocks_it(seeded):
    _add(seeded, "ayu", Role.CALL_TAKER)
    policy = LockPolicy(max_failures=3, lock_minutes=15)
    for _ in range(3):
        with pytest.raises(NotSignedIn):
            sign_in(seeded, "ayu", "salah-salah-1", policy=policy)
    with pytest.raises(NotSignedIn) as locked:
        sign_in(seeded, "ayu", "sandi-rahasia-1", policy=policy)  # right, but locked
    assert locked.value.code == "signin.locked" and locked.value.params["minutes"] == 15
    later = utcnow() + timedelta(minutes=16)
    back = sign_in(seeded, "ayu", "sandi-rahasia-1", policy=policy, now=later)
    assert back.role is Role.CALL_TAKER
    for _ in range(3):
        with pytest.raises(NotSignedIn):
            sign_in(seeded, "ayu", "salah-salah-1", policy=policy)
    from dispatch.operators import reset_password
    with seeded.session() as session:
        reset_password(session, username="ayu", password="sandi-baru-22", actor="supervisor")
    assert sign_in(seeded, "ayu", "sandi-baru-22", policy=policy).username == "ayu"
    with seeded.reading() as session:
        locks = [entry.after for entry in session.scalars(select(AuditEntry).where(
            AuditEntry.action == "operator.sign_in_failed", AuditEntry.entity_id == "ayu"))]
    assert sum(1 for after in locks if "locked_until" in after) == 2
    assert any(after.get("reason") == "locked" for after in locks)


def test_a_disabled_operator_cannot_sign_in_and_the_last_supervisor_stays(seeded):
    _add(seeded, "made", Role.CALL_TAKER)
    from dispatch.errors import InvalidInput
    from dispatch.operators import disable_operator
    with seeded.session() as session:
        disable_operator(session, username="made", actor="supervisor")
    with pytest.raises(NotSignedIn):
        sign_in(seeded, "made", "sandi-rahasia-1")
    with pytest.raises(InvalidInput) as last:
        with seeded.session() as session:
            disable_operator(session, username=TEST_OPERATOR, actor="supervisor")
    assert last.value.code == "operator.last_supervisor"


def test_a_login_token_is_stored_hashed_and_expires(seeded):
    principal = sign_in(seeded, TEST_OPERATOR, TEST_PASSWORD)
    token, expires = issue_token(seeded, principal, hours=8)
    assert principal_from_token(seeded, token).username == TEST_OPERATOR
    with pytest.raises(NotSignedIn):
        principal_from_token(seeded, token, now=expires + timedelta(seconds=1))
    with seeded.reading() as session:
        from dispatch.models import OperatorSession
        stored = session.scalars(select(OperatorSession.token_sha256)).one()
    assert token not in stored


# ------------------------------------------------------------ the command line

@pytest.fixture
def desk(db_url):
    result = safedesk(db_url, "init")
    assert result.returncode == 0, result.stderr
    return db_url


def test_init_admin_creates_or_resets_the_supervisor_from_a_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    bare = {"SAFEDESK_OPERATOR": "", "SAFEDESK_PASSWORD": ""}
    first = safedesk(url, "init", env=bare)
    assert "no operator can sign in yet" in first.stdout
    secret = tmp_path / "pw"
    secret.write_text("sandi-kepala-1\n")
    made = safedesk(url, "init", "--admin", "--admin-password-file", str(secret), env=bare)
    assert made.returncode == 0 and "supervisor supervisor can sign in" in made.stdout
    listing = safedesk(url, "operators", "list", "--json",
                       env={"SAFEDESK_OPERATOR": "supervisor",
                            "SAFEDESK_PASSWORD": "sandi-kepala-1"})
    assert listing.returncode == 0, listing.stderr
    rows = {row["username"]: row for row in json.loads(listing.stdout)}
    assert rows["supervisor"]["can_sign_in"] and not rows["operator"]["can_sign_in"]
    secret.write_text("sandi-kepala-2\n")
    assert safedesk(url, "init", "--admin", "--admin-password-file", str(secret),
                    env=bare).returncode == 0
    old = safedesk(url, "operators", "list", env={"SAFEDESK_OPERATOR": "supervisor",
                                                  "SAFEDESK_PASSWORD": "sandi-kepala-1"})
    assert old.returncode == 3 and old.stderr == "safedesk: error: wrong username or password\n"


def test_a_refused_command_exits_3_with_one_line_and_an_audit_entry(desk, tmp_path):
    secret = tmp_path / "pw"
    secret.write_text("sandi-radio-1\n")
    added = safedesk(desk, "operators", "add", "wayan", "--role", "radio",
                     "--password-file", str(secret))
    assert added.returncode == 0, added.stderr
    as_radio = {"SAFEDESK_OPERATOR": "wayan", "SAFEDESK_PASSWORD": "sandi-radio-1"}
    refused = safedesk(desk, "incidents", "create", "--type", "kebakaran", "--lat", "-8.66",
                       "--lon", "115.21", env=as_radio)
    assert refused.returncode == 3 and refused.stdout == ""
    assert refused.stderr == "safedesk: error: wayan (radio) may not create incidents\n"
    as_json = safedesk(desk, "units", "status", "PMK-SEL-1", "out_of_service", "--json",
                       env=as_radio)
    assert as_json.returncode == 3
    assert json.loads(as_json.stderr) == {"error": "permission.refused",
                                          "message": "wayan (radio) may not change unit status"}
    audit = safedesk(desk, "audit", "--json")
    refusals = [row for row in json.loads(audit.stdout) if row["action"] == "permission.refused"]
    assert [(row["actor"], row["entity_id"]) for row in refusals] == [
        ("wayan", "change_unit_status"), ("wayan", "create_incidents")]


def test_bad_input_with_json_is_one_json_object_and_exit_2(desk):
    result = safedesk(desk, "incidents", "create", "--type", "tidak_ada", "--lat", "-8.66",
                      "--lon", "115.21", "--json")
    assert result.returncode == 2 and result.stdout == ""
    error = json.loads(result.stderr)
    assert error == {"error": "incident.unknown_type", "message": error["message"]}
    assert "tidak_ada" in error["message"]
    usage = safedesk(desk, "incidents", "create", "--json")  # argparse's own refusal
    assert usage.returncode == 2 and json.loads(usage.stderr)["error"] == "usage"


def test_no_credentials_and_no_terminal_is_refused_with_exit_3(desk):
    os_env = dict(os.environ)
    os_env.pop("SAFEDESK_PASSWORD")
    result = subprocess.run([sys.executable, "-m", "dispatch.cli.main", "--db", desk,
                             "incidents", "list"], capture_output=True, text=True,
                            env=os_env, stdin=subprocess.DEVNULL, timeout=60)
    assert result.returncode == 3
    assert "sign in first" in result.stderr and len(result.stderr.splitlines()) == 1


def test_login_keeps_a_private_expiring_session_and_logout_ends_it(desk, tmp_path):
    login = safedesk(desk, "login", "--json")
    assert login.returncode == 0, login.stderr
    saved = tmp_path / "config" / "sessions.json"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert stat.S_IMODE(saved.parent.stat().st_mode) == 0o700
    no_password = {k: v for k, v in os.environ.items() if k != "SAFEDESK_PASSWORD"}
    listed = subprocess.run([sys.executable, "-m", "dispatch.cli.main", "--db", desk,
                             "incidents", "list", "--json"], capture_output=True, text=True,
                            env=no_password, stdin=subprocess.DEVNULL, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert safedesk(desk, "logout").stdout == "signed out\n"
    again = subprocess.run([sys.executable, "-m", "dispatch.cli.main", "--db", desk,
                            "incidents", "list"], capture_output=True, text=True,
                           env=no_password, stdin=subprocess.DEVNULL, timeout=60)
    assert again.returncode == 3


def test_operators_add_list_disable_reset_for_a_supervisor(desk, tmp_path):
    secret = tmp_path / "pw"
    secret.write_text("sandi-baru-123\n")
    assert safedesk(desk, "operators", "add", "putu", "--role", "call_taker", "--name",
                    "Putu Ayu", "--password-file", "-", stdin="sandi-baru-123\n").returncode == 0
    short = safedesk(desk, "operators", "add", "kadek", "--role", "dispatcher",
                     "--password-file", "-", stdin="pendek\n")
    assert short.returncode == 2 and "at least 8 characters" in short.stderr
    as_putu = {"SAFEDESK_OPERATOR": "putu", "SAFEDESK_PASSWORD": "sandi-baru-123"}
    assert safedesk(desk, "operators", "list", env=as_putu).returncode == 3  # not a supervisor
    assert safedesk(desk, "operators", "disable", "putu").returncode == 0
    assert safedesk(desk, "incidents", "list", env=as_putu).returncode == 3
    assert safedesk(desk, "operators", "reset-password", "putu", "--password-file",
                    str(secret)).returncode == 0
    listing = json.loads(safedesk(desk, "operators", "list", "--json").stdout)
    putu = next(row for row in listing if row["username"] == "putu")
    assert putu["role"] == "call_taker" and putu["full_name"] == "Putu Ayu"
    assert "password_hash" not in putu


# ------------------------------------------------------------ files

def test_the_data_directory_database_and_journal_are_private(tmp_path):
    data = tmp_path / "data"
    result = safedesk_default("init")
    assert result.returncode == 0, result.stderr
    database = data / "safedesk.sqlite3"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    for sibling in data.iterdir():
        if sibling.is_file():
            assert stat.S_IMODE(sibling.stat().st_mode) == 0o600, sibling.name


def test_an_existing_database_and_folder_are_made_private_when_opened(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    database = data / "safedesk.sqlite3"
    database.touch(mode=0o644)
    os.chmod(data, 0o755)
    os.chmod(database, 0o644)
    assert safedesk_default("init").returncode == 0
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


def safedesk_default(*args):
    """`safedesk` on its default SQLite file in the test's data directory."""
    return subprocess.run([sys.executable, "-m", "dispatch.cli.main", *args],
                          capture_output=True, text=True, timeout=120)


def test_recordings_folder_is_private(tmp_path):
    from dispatch import paths
    folder = paths.recordings_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(paths.data_dir().stat().st_mode) == 0o700


def test_a_seeded_operator_without_a_password_cannot_sign_in(seeded):
    with seeded.reading() as session:
        operator = session.scalars(select(Operator).where(Operator.username == "dispatcher")).one()
        assert operator.password_hash is None
    with pytest.raises(NotSignedIn):
        sign_in(seeded, "dispatcher", "")

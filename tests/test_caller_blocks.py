"""Repeat prank callers (dispatch/caller_blocks.py): their prank/ghost count
in the caller's history, the flag after `prank.flag_after` such calls in
`prank.window_days` days, and a supervisor's block for a set time, through
the domain and `safedesk callers`. On SQLite and PostgreSQL."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dispatch import calls
from dispatch.call_types import classify_call
from dispatch.caller_blocks import (
    PrankPolicy,
    active_blocks,
    block_number,
    block_of,
    flagged_numbers,
    nuisance_count,
    unblock_number,
)
from dispatch.enums import Role
from dispatch.errors import IllegalTransition, InvalidInput, NotFound
from dispatch.models import AuditEntry, CallerBlock
from dispatch.operators import add_operator
from dispatch.settings import Settings
from dispatch.sip_identity import parse_caller
from dispatch.timeutil import utcnow

pytestmark = pytest.mark.postgres

SAFEDESK = str(Path(sys.executable).parent / "safedesk")
PRANKSTER = "+6281299990001"
TOOLTIP = 3  # Qt.ItemDataRole.ToolTipRole


def identity(number: str):
    return parse_caller("\r\n".join([
        "INVITE sip:0361223333@127.0.0.1 SIP/2.0",
        f'From: "Penelepon" <sip:{number}@10.0.0.9>;tag=1',
        "To: <sip:0361223333@127.0.0.1>", "Call-ID: x@test", "", ""]))


def past_calls(database, number: str, kinds_and_days: list[tuple[str | None, float]],
               prefix: str) -> list[int]:
    """Calls from `number` that rang `days` ago and were answered, each
    classified `kind`."""
    made = []
    now = utcnow()
    with database.session() as session:
        for n, (kind, days) in enumerate(kinds_and_days):
            call = calls.record_ringing(session, sip_call_id=f"{prefix}-{n}@test",
                                        line_number="+62361223333", identity=identity(number),
                                        desk="desk-a", at=now - timedelta(days=days))
            # Answered and over: not ringing, not on the callback list.
            calls.mark_answered(session, sip_call_id=call.sip_call_id, desk="desk-a",
                                at=call.started_at + timedelta(seconds=5))
            calls.mark_ended(session, sip_call_id=call.sip_call_id, ended_by="caller",
                             desk="desk-a", at=call.started_at + timedelta(seconds=20))
            if kind:
                classify_call(session, call_id=call.id, call_type=kind, actor="ayu")
            made.append(call.id)
    return made


def test_the_history_counts_prank_and_ghost_calls(seeded):
    past_calls(seeded, PRANKSTER, [("prank", 1), ("ghost", 2), ("emergency", 3), (None, 4),
                                   ("prank", 30)], "h")
    with seeded.reading() as session:
        history = calls.caller_history(session, "0812-9999-0001")
        assert nuisance_count(session, "0812-9999-0001") == 3
        assert nuisance_count(session, PRANKSTER, since=utcnow() - timedelta(days=7)) == 2
    assert [entry.classification for entry in history] == [
        "prank", "ghost", "emergency", None, "prank"]
    assert history[0].to_dict()["classification"] == "prank"


def test_a_number_is_flagged_after_three_pranks_in_seven_days_not_in_eight(seeded):
    in_seven = "+6281299990002"
    in_eight = "+6281299990003"
    past_calls(seeded, in_seven, [("prank", 0.5), ("ghost", 3), ("prank", 6.5)], "seven")
    past_calls(seeded, in_eight, [("prank", 0.5), ("ghost", 3), ("prank", 7.5),
                                  ("emergency", 1), ("wrong_number", 2)], "eight")
    policy = PrankPolicy.from_settings(Settings.in_memory({}))
    assert (policy.flag_after, policy.window_days) == (3, 7)
    with seeded.reading() as session:
        flagged = flagged_numbers(session, [in_seven, in_eight, PRANKSTER], policy=policy)
        assert flagged == {in_seven: 3}
        # The supervisor's settings move the line.
        wider = PrankPolicy.from_settings(Settings.in_memory({"prank.window_days": 8}))
        assert flagged_numbers(session, [in_seven, in_eight], policy=wider) == {
            in_seven: 3, in_eight: 3}
        stricter = PrankPolicy.from_settings(Settings.in_memory({"prank.flag_after": 4}))
        assert flagged_numbers(session, [in_seven, in_eight], policy=stricter) == {}


def test_block_lift_and_expiry(seeded):
    now = utcnow()
    with seeded.session() as session:
        block = block_number(session, number="0812-9999-0001", hours=24,
                             reason="iseng 3 kali dalam seminggu", actor="kepala", now=now)
        assert block.number == PRANKSTER
    with seeded.reading() as session:
        assert block_of(session, "+62 812 9999 0001", now + timedelta(hours=1)).id == block.id
        assert block_of(session, PRANKSTER, now + timedelta(hours=24, seconds=1)) is None
        assert [b.id for b in active_blocks(session, now + timedelta(hours=2))] == [block.id]
    with pytest.raises(IllegalTransition) as twice, seeded.session() as session:
        block_number(session, number=PRANKSTER, hours=2, reason="lagi", actor="kepala")
    assert twice.value.code == "block.already_active"
    assert "0001" not in str(twice.value)  # masked: refusals reach the log
    with seeded.session() as session:
        unblock_number(session, number=PRANKSTER, actor="kepala")
    with seeded.reading() as session:
        lifted = session.get(CallerBlock, block.id)
        assert lifted.lifted_by == "kepala" and lifted.lifted_at is not None
        assert block_of(session, PRANKSTER) is None and active_blocks(session) == []
        audit = list(session.execute(select(AuditEntry.action, AuditEntry.after)
                                     .where(AuditEntry.entity == "caller_block")
                                     .order_by(AuditEntry.id)))
    assert [action for action, _ in audit] == ["caller.block", "caller.unblock"]
    assert audit[0][1]["number"] == "+62********001" and audit[0][1]["hours"] == 24
    assert PRANKSTER not in json.dumps([after for _, after in audit])
    with pytest.raises(NotFound) as not_blocked, seeded.session() as session:
        unblock_number(session, number=PRANKSTER, actor="kepala")
    assert not_blocked.value.code == "block.not_active"


@pytest.mark.parametrize(("number", "hours", "reason", "code"), [
    ("0812-9999-0001", 0, "iseng", "block.bad_hours"),
    ("0812-9999-0001", 721, "iseng", "block.bad_hours"),
    ("0812-9999-0001", 24, "   ", "block.reason_required"),
    ("0812-9999-0001", 24, "x" * 257, "text.too_long"),
    ("bukan nomor", 24, "iseng", "phone.not_a_number"),
])
def test_a_bad_block_is_refused_and_writes_nothing(seeded, number, hours, reason, code):
    with pytest.raises(InvalidInput) as refused, seeded.session() as session:
        block_number(session, number=number, hours=hours, reason=reason, actor="kepala")
    assert refused.value.code == code
    with seeded.reading() as session:
        assert session.scalar(select(func.count()).select_from(CallerBlock)) == 0


def test_callers_block_unblock_list_on_the_command_line(seeded, db_url):
    with seeded.session() as session:
        add_operator(session, username="ayu", role=Role.CALL_TAKER, password="sandi-ayu-2026",
                     actor="supervisor")

    def safedesk(*args, env=None):
        return subprocess.run([SAFEDESK, "--db", db_url, *args], capture_output=True, text=True,
                              timeout=120, env={**os.environ, **(env or {})})
    as_call_taker = {"SAFEDESK_OPERATOR": "ayu", "SAFEDESK_PASSWORD": "sandi-ayu-2026"}
    refused = safedesk("callers", "block", "081299990001", "--hours", "24", "--reason", "iseng",
                       env=as_call_taker)
    assert refused.returncode == 3 and refused.stdout == ""
    assert refused.stderr == "safedesk: error: ayu (call_taker) may not block callers\n"
    blocked = safedesk("callers", "block", "081299990001", "--hours", "24", "--reason",
                       "iseng 3 kali")
    assert blocked.returncode == 0, blocked.stderr
    assert blocked.stdout.startswith("+62********001 blocked until ")
    assert "081299990001" not in blocked.stdout
    bad = safedesk("callers", "block", "081299990002", "--hours", "1000", "--reason", "iseng")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    listed = json.loads(safedesk("callers", "list", "--json").stdout)
    assert [(row["number"], row["reason"], row["blocked_by"], row["active"])
            for row in listed] == [(PRANKSTER, "iseng 3 kali", "supervisor", True)]
    lifted = safedesk("callers", "unblock", "+6281299990001")
    assert lifted.returncode == 0, lifted.stderr
    assert json.loads(safedesk("callers", "list", "--json").stdout) == []
    everything = json.loads(safedesk("callers", "list", "--all", "--json").stdout)
    assert [(row["active"], row["lifted_by"]) for row in everything] == [
        (False, "supervisor")]
    history = safedesk("calls", "history", "081299990001")
    assert history.returncode == 0 and "prank/ghost calls: 0" in history.stdout


# ---------------------------------------------------------------- the window

@pytest.mark.gui
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)  # the window is the same on both
def test_the_window_flags_a_repeat_prank_caller_and_rings_a_blocked_number_apart(qtbot, seeded):
    from ui_fixtures import WAIT_MS, shown_desk

    from ui.testing import ring
    flagged, unflagged, blocked, fresh = (
        "+6281299990011", "+6281299990012", "+6281299990013", "+6281299990014")
    past_calls(seeded, flagged, [("prank", 0.5), ("ghost", 2), ("prank", 6.5)], "f")
    past_calls(seeded, unflagged, [("prank", 0.5), ("ghost", 2), ("prank", 7.5)], "u")
    with seeded.session() as session:
        block_number(session, number=blocked, hours=24, reason="iseng berulang", actor="kepala")
    for n, number in enumerate((flagged, unflagged, blocked)):
        ring(seeded, f"now-{n}@test", number, at=utcnow() - timedelta(seconds=30 - n))
    with shown_desk(qtbot, seeded) as desk:
        panel = desk.calls_panel
        qtbot.waitUntil(lambda: panel.ringing_model.rowCount() == 2
                        and panel.blocked.model.rowCount() == 1, timeout=WAIT_MS)
        first, second = panel.ringing_model.rows()
        assert (first.caller_number, second.caller_number) == (flagged, unflagged)
        assert panel.ringing_model.index(0, 0).data() == "⚠ 0812-9999-0011 (Penelepon)"
        assert panel.ringing_model.index(0, 0).data(TOOLTIP) == (
            "Nomor ini 3 kali menelepon iseng atau diam dalam 7 hari terakhir.")
        assert panel.ringing_model.index(1, 0).data() == "0812-9999-0012 (Penelepon)"
        assert not panel.ringing_model.index(1, 0).data(TOOLTIP)
        # The blocked number rings apart, below, in grey: shown, never mixed in.
        assert panel.blocked.isVisibleTo(panel)
        assert "Nomor diblokir" in panel.blocked.title.text()
        assert panel.blocked.model.row_at(0).caller_number == blocked
        assert panel.blocked.model.index(0, 0).data() == "0812-9999-0013 (Penelepon)"
        assert "2 berdering" in desk.windowTitle()  # the blocked call does not ring the tone
        # The caller's history says their record.
        panel.ringing_view.select_key(first.id)
        qtbot.waitUntil(lambda: "3× iseng/diam (3 dalam 7 hari terakhir)"
                        in panel.history.title.text(), timeout=WAIT_MS)
        assert [panel.history_model.index(row, 3).data().split(" · ")[-1]
                for row in range(3)] == ["iseng", "diam / terputus", "iseng"]

        # A number blocked while it rings moves to the blocked section; lifted, back.
        event = ring(seeded, "fresh@test", fresh)
        panel.on_call_event(event)
        qtbot.waitUntil(lambda: panel.ringing_model.rowCount() == 3, timeout=WAIT_MS)
        with seeded.session() as session:
            block_number(session, number=fresh, hours=1, reason="iseng", actor="kepala")
        qtbot.waitUntil(lambda: panel.blocked.model.rowCount() == 2, timeout=WAIT_MS)
        assert panel.ringing_model.rowCount() == 2
        with seeded.session() as session:
            unblock_number(session, number=fresh, actor="kepala")
        qtbot.waitUntil(lambda: panel.ringing_model.rowCount() == 3, timeout=WAIT_MS)
        assert [row.caller_number for row in panel.blocked.model.rows()] == [blocked]
        # F2 takes the others first; the blocked call only when it is all that rings.
        assert panel.ringing_target().caller_number == flagged
        panel.blocked.view.select_key(panel.blocked.model.row_at(0).id)
        assert panel.ringing_target().caller_number == blocked

"""SIP hygiene: requests other than INVITE from strangers get 403, REGISTER
gets 405 from anyone, a trunk's OPTIONS keepalive still gets 200, and a
flood of refused requests neither fills the log nor delays the next call.

SIPp sends from 127.0.0.2, a loopback address outside the desk's
sip.allowed_peers (127.0.0.1 only), as the stranger.
"""
from __future__ import annotations

import logging
import re
import time

import pytest
from engine_process import Serve, initialised_sqlite
from sip_trace import TRACE_ARGS, received

from telephony import sip_hygiene
from telephony.events import EventKind
from telephony.testing import Sipp

pytestmark = [pytest.mark.sip, pytest.mark.timeout(90)]
on_sqlite = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)

FRIEND, STRANGER = "127.0.0.1", "127.0.0.2"
NUMBER_IN_FROM = "0812345670"  # the scenarios' From and To carry it
BURST = 300
RETRANSMIT_MS = 500  # the scenarios' retrans="500": an INVITE unanswered by then is sent again


@pytest.fixture
def desk(start_softphone, caplog):
    caplog.set_level(logging.INFO, logger="telephony.sip_hygiene")

    def start(**overrides):
        return start_softphone(allowed_peers=(FRIEND,), **overrides)
    return start


def refusal_lines(caplog) -> list[str]:
    return [record.getMessage() for record in caplog.records
            if record.name == "telephony.sip_hygiene"]


def wait_for_lines(caplog, count: int, timeout_s: float = 5.0) -> list[str]:
    """The refusal lines, once `count` are in: the SIP thread logs a
    refusal just after its answer has left."""
    deadline = time.monotonic() + timeout_s
    while len(refusal_lines(caplog)) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    return refusal_lines(caplog)


def header(message: str, name: str) -> str | None:
    found = re.search(rf"^{name}:\s*(.*?)\s*$", message, re.IGNORECASE | re.MULTILINE)
    return found.group(1) if found else None


def only_response(workdir) -> str:
    messages = received(workdir)
    assert len(messages) == 1, messages
    return messages[0]


@on_sqlite
@pytest.mark.parametrize("scenario, method", [("uac_options_forbidden.xml", "OPTIONS"),
                                              ("uac_message_forbidden.xml", "MESSAGE")])
def test_a_stranger_s_request_gets_403_and_one_line_without_the_number(
        desk, seeded, tmp_path, caplog, scenario, method):
    engine, _ = desk()
    stranger = Sipp(scenario, engine.config.listen, workdir=tmp_path / "stranger",
                    local_ip=STRANGER).run()
    assert stranger.ok, stranger.explain()
    lines = wait_for_lines(caplog, 1)
    assert lines == [f"softphone: refused {method} from {STRANGER}: 403 "
                     "(not in sip.allowed_peers)"]
    assert NUMBER_IN_FROM not in caplog.text and "Budi" not in caplog.text


@on_sqlite
def test_a_stranger_over_tcp_gets_403_too(desk, seeded, tmp_path):
    engine, _ = desk(transport="tcp")
    stranger = Sipp("uac_options_forbidden.xml", engine.config.listen,
                    workdir=tmp_path / "stranger", local_ip=STRANGER, transport="tcp").run()
    assert stranger.ok, stranger.explain()


@on_sqlite
def test_register_gets_405_from_anyone_naming_what_the_desk_takes(desk, seeded, tmp_path,
                                                                   caplog):
    engine, _ = desk()
    answers = {}
    for source in (STRANGER, FRIEND):
        result = Sipp("uac_register_not_allowed.xml", engine.config.listen,
                      workdir=tmp_path / source, local_ip=source, extra=TRACE_ARGS).run()
        assert result.ok, result.explain()
        answers[source] = only_response(tmp_path / source)
    keepalive = Sipp("uac_options.xml", engine.config.listen, workdir=tmp_path / "keepalive",
                     local_ip=FRIEND, extra=TRACE_ARGS).run()
    assert keepalive.ok, keepalive.explain()  # the trunk's OPTIONS keepalive: 200
    for answer in answers.values():
        assert answer.startswith("SIP/2.0 405 ")
        allowed = {method.strip() for method in header(answer, "Allow").split(",")}
        assert {"INVITE", "ACK", "CANCEL", "BYE", "OPTIONS"} <= allowed
        assert "REGISTER" not in allowed
        # The same methods the desk names in its 200 to OPTIONS.
        assert header(answer, "Allow") == header(only_response(tmp_path / "keepalive"), "Allow")
    assert wait_for_lines(caplog, 2) == [
        f"softphone: refused REGISTER from {source}: 405 (this desk is no registrar)"
        for source in (STRANGER, FRIEND)]
    assert NUMBER_IN_FROM not in caplog.text


@on_sqlite
def test_the_desk_rings_during_and_right_after_a_burst_of_refused_requests(
        desk, seeded, tmp_path, caplog, monkeypatch):
    monkeypatch.setattr(sip_hygiene, "LOG_WINDOW_S", 1.0)  # the summary within the test
    engine, events = desk()
    # 300 OPTIONS over about a second; a caller rings in the middle of it.
    burst = Sipp("uac_options_forbidden.xml", engine.config.listen, workdir=tmp_path / "burst",
                 local_ip=STRANGER, calls=BURST, rate=BURST, trace_stat=True).start()
    try:
        during = Sipp("uac_cancel.xml", engine.config.listen, workdir=tmp_path / "during",
                      duration_ms=100, trace_rtt=True).run()
        flood = burst.wait()
    finally:
        burst.kill()
    after = Sipp("uac_cancel.xml", engine.config.listen, workdir=tmp_path / "after",
                 duration_ms=100, trace_rtt=True).run()
    assert flood.ok, flood.explain()
    assert flood.count("SuccessfulCall(C)") == BURST  # every one answered 403
    assert during.ok, during.explain()
    assert after.ok, after.explain()
    # Rung at the first INVITE: no caller waited for SIPp's retransmission.
    assert max(during.rtt_ms + after.rtt_ms) < RETRANSMIT_MS, (during.rtt_ms, after.rtt_ms)
    assert len(events.wait_kind(EventKind.RINGING, count=2)) == 2
    events.wait_kind(EventKind.ABANDONED, count=2)
    # A few lines, then one that counts the rest once its window has passed.
    lines = _wait_until_every_refusal_is_accounted_for(caplog)
    assert len(lines) <= 2 * (sip_hygiene.LOG_LINES_PER_WINDOW + 1), lines
    assert any(line.endswith("from 1 host, not logged one by one") for line in lines), lines
    assert all(STRANGER in line for line in lines if "refused OPTIONS" in line)
    assert NUMBER_IN_FROM not in caplog.text


def test_safedesk_serve_logs_a_refusal_with_the_host_only(tmp_path):
    """What a headless desk's log shows (default sip.allowed_peers: 127.0.0.1)."""
    serve = Serve(initialised_sqlite(tmp_path))
    try:
        serve.wait_for("listening on")
        stranger = Sipp("uac_message_forbidden.xml", serve.listen, workdir=tmp_path / "stranger",
                        local_ip=STRANGER).run()
        assert stranger.ok, stranger.explain()
        line = serve.wait_for("refused MESSAGE")
        assert line.endswith(f"refused MESSAGE from {STRANGER}: 403 (not in sip.allowed_peers)")
    finally:
        serve.stop()
    log = serve.log_text()
    for private in (NUMBER_IN_FROM, "Budi", "kebakaran"):
        assert private not in log


def _accounted(lines: list[str]) -> int:
    one_by_one = sum(1 for line in lines if "refused OPTIONS" in line)
    counted = sum(int(found.group(1)) for line in lines
                  if (found := re.search(r"(\d+) more requests refused", line)))
    return one_by_one + counted


def _wait_until_every_refusal_is_accounted_for(caplog, timeout_s: float = 5.0) -> list[str]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        lines = refusal_lines(caplog)
        if _accounted(lines) >= BURST:
            assert _accounted(lines) == BURST, lines
            return lines
        time.sleep(0.05)
    raise AssertionError(f"{BURST} refusals not all in the log: {refusal_lines(caplog)}")

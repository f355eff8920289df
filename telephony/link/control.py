"""`safedesk engine status` and `safedesk engine stop`, without Qt or pjsua2:
an operator's shell, a service manager or the window asks the engine of a
data directory how it is, or to stop as it does on SIGTERM.
"""
from __future__ import annotations

import os
import signal
from concurrent.futures import TimeoutError as FutureTimeout

from telephony.link.client import EngineClient
from telephony.link.place import EnginePlace, printable_address
from telephony.link.wire import EngineUnavailable

ASK_TIMEOUT_S = 3.0
SECRET_FACTS = ("authkey",)


def engine_status(place: EnginePlace, *, timeout: float = ASK_TIMEOUT_S) -> dict | None:
    """The running engine's facts (engine.json, and what it says over the
    link), or None when no engine holds the data directory."""
    if not place.engine_running():
        return None
    facts = {key: value for key, value in (place.read_facts() or {}).items()
             if key not in SECRET_FACTS}
    facts["running"] = True
    facts["data_dir"] = str(place.data_dir)
    if "address" in facts:
        facts["address"] = printable_address(str(facts["address"]))
    client = EngineClient(place, role="control")
    try:
        client.connect(timeout=timeout)
        facts.update(client.status().result(timeout))
        facts["link"] = "answering"
    except (EngineUnavailable, FutureTimeout) as exc:
        facts["link"] = f"not answering: {exc}"
    finally:
        client.close()
    return facts


def status_lines(facts: dict) -> list[str]:
    engine = facts.get("engine") or {}
    listen = f"{engine.get('transport', facts.get('transport'))} " \
             f"{engine.get('listen', facts.get('listen'))}"
    lines = [f"engine pid {facts.get('pid')} running for {facts.get('data_dir')}",
             f"  sip       {listen}, desk {engine.get('desk', facts.get('desk'))}, "
             f"{'accepting calls' if engine.get('accepting') else 'not accepting calls'}",
             f"  database  {facts.get('database')}",
             f"  started   {facts.get('started_at')}",
             f"  link      {facts.get('address')} ({facts.get('link')})"]
    if "windows" in facts:
        lines.append(f"  windows   {facts['windows']} connected, headset with pid "
                     f"{facts.get('headset_window_pid') or '-'}")
    return lines


def stop_engine(place: EnginePlace, *, timeout: float = 20.0) -> tuple[bool, str]:
    """Ask the engine over the link to stop; if it cannot be asked, or has
    not stopped by half the timeout, SIGTERM the PID of engine.json (only
    while the lock is still held, so never a stranger with a reused PID).
    (True, line) once the lock is free."""
    if not place.engine_running():
        return True, place.nothing_running()
    pid = (place.read_facts() or {}).get("pid")
    client = EngineClient(place, role="control")
    asked = False
    try:
        client.connect(timeout=min(ASK_TIMEOUT_S, timeout / 2))
        client.stop_engine().result(ASK_TIMEOUT_S)
        asked = True
    except (EngineUnavailable, FutureTimeout):
        pass
    finally:
        client.close()
    if asked and place.wait_until_stopped(timeout / 2):
        return True, f"engine pid {pid} stopped"
    if isinstance(pid, int) and place.engine_running():
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError as exc:
            return False, f"engine pid {pid} could not be signalled: {exc}"
    if place.wait_until_stopped(timeout / 2 if asked else timeout):
        return True, f"engine pid {pid} stopped"
    return False, f"engine pid {pid} did not stop within {timeout:g} s"

"""The window's phone: a client of the desk's telephony engine, which runs
in a process of its own (`safedesk serve`) so that the window's Python
never competes with the SIP thread for a GIL.

On start the window connects to the engine of its data directory; if none
runs it starts one (detached: it outlives the window) and waits for it. The
Calls panel talks to the `EngineClient` through SoftphoneBridge exactly as
it talked to the engine. The headset plays and records here, on local
pipes the client relays. If the link drops, the window says so in its
status bar, goes on without the phone, reconnects every second and starts
the engine again when none holds the data directory. A desk whose engine
cannot start still opens, says why, and runs on.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dispatch.errors import DeskError
from dispatch.settings import Settings
from dispatch.storage import Database, redact_url

log = logging.getLogger(__name__)
STARTUP_WAIT_S = 15.0  # migrations and pjsua2 come up in a second or two; a busy machine


@dataclass
class RunningPhone:
    client: Any                        # telephony.link.client.EngineClient
    bridge: Any                        # ui.calls.softphone_bridge.SoftphoneBridge
    headset: Any = None                # ui.headset.bridge.HeadsetBridge
    launcher: Any = None               # telephony.link.launch.EngineLauncher
    engine_elsewhere: str | None = None  # the running engine's address, if not --listen's
    other_database: str | None = None    # the running engine's database, if not ours

    def stop(self, *, stop_engine: bool = False) -> None:
        """Close the headset and the link; the engine runs on unless asked."""
        if self.headset is not None:
            self.headset.close()
        self.bridge.close()
        self.client.close()
        if stop_engine:
            from telephony.link.control import stop_engine as stop_it
            stopped, line = stop_it(self.client.place, timeout=15.0)
            log.info("%s", line)


def start_phone(database: Database, settings: Settings, actor: str, *,
                listen: str | None = None,
                attach: Callable[[Any], None] | None = None,
                headset: bool = True) -> tuple[RunningPhone | None, str | None]:
    """The phone, or None and one line saying why there is none.
    `attach(bridge)` is called before the first connection, so that the
    Calls panel hears the live calls the engine's hello brings. Without
    `headset` the window opens no sound device and leaves the engine's
    headset to other windows (tests: Qt Multimedia picks its sound server
    once per process)."""
    try:
        from telephony.audio import HeadsetPipes
        from telephony.link.client import EngineClient
        from telephony.link.launch import EngineLauncher
        from telephony.link.place import EnginePlace
        from telephony.link.wire import EngineUnavailable
        from telephony.settings import parse_listen
        from ui.calls.softphone_bridge import SoftphoneBridge
        from ui.headset.bridge import LATENCY_MS, HeadsetBridge
    except ImportError as exc:
        return None, f"softphone unavailable: {exc}"
    try:
        wanted = parse_listen(listen) if listen else None  # said before any engine starts
    except DeskError as exc:
        return None, str(exc)
    place = EnginePlace.current()
    pipes = HeadsetPipes() if headset else None
    client = EngineClient(place, actor=actor, headset=pipes, latency_ms=settings.get(LATENCY_MS))
    launcher = EngineLauncher(place, database_url=database.url, listen=listen)
    phone = RunningPhone(client, SoftphoneBridge(client), launcher=launcher)
    if attach is not None:
        attach(phone.bridge)
    try:
        try:
            client.connect(timeout=0)
        except EngineUnavailable:
            if not place.engine_running():
                log.info("no telephony engine for %s: starting one", place.data_dir)
                launcher.start()
            client.connect(timeout=STARTUP_WAIT_S, give_up=launcher.exited)
    except EngineUnavailable as exc:
        if launcher.exited() or not place.engine_running():
            phone.stop()
            why = launcher.failure() if launcher.exited() else str(exc)
            log.warning("softphone not started: %s", why)
            return None, why
        log.warning("the telephony engine is slow to answer: %s", exc)  # keep trying below
    engine = client.describe()
    if client.connected:
        log.info("softphone listening on %s/%s", engine.get("listen"), engine.get("transport"))
        if wanted is not None and wanted != _address(engine.get("listen")):
            phone.engine_elsewhere = f"{engine.get('transport')} {engine.get('listen')}"
        theirs = engine.get("database")
        if theirs and theirs != redact_url(database.url):
            phone.other_database = theirs
    client.keep_connected(restart=launcher.restart_if_gone)
    if pipes is not None:
        # The headset runs the whole shift: a missing one shows before the first call.
        phone.headset = HeadsetBridge(pipes, settings)
        phone.headset.start()
    return phone, None


def _address(listen: str | None) -> tuple[str, int] | None:
    from telephony.settings import parse_listen
    try:
        return parse_listen(listen or "")
    except DeskError:  # an engine that says something odd is "elsewhere"
        return None

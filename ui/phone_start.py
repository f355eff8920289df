"""Starting the softphone for the window: the engine on its own thread, the
bridge for the Calls panel. A desk whose SIP port is taken (another desk, a
`safedesk serve`) still opens, says why it has no phone, and runs on."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from dispatch.errors import DeskError
from dispatch.settings import Settings
from dispatch.storage import Database

log = logging.getLogger(__name__)


@dataclass
class RunningPhone:
    engine: Any
    bridge: Any
    headset: Any = None

    def stop(self) -> None:
        if self.headset is not None:
            self.headset.close()
        self.bridge.close()
        self.engine.stop()


def start_phone(database: Database, settings: Settings, actor: str, *,
                listen: str | None = None) -> tuple[RunningPhone | None, str | None]:
    """The running phone, or None and one line saying why there is none."""
    try:
        from telephony.audio import HeadsetPipes
        from telephony.engine import SoftphoneEngine
        from telephony.settings import load_sip_config
        from ui.headset import HeadsetBridge
        from ui.softphone_bridge import SoftphoneBridge
    except ImportError as exc:
        return None, f"softphone unavailable: {exc}"
    pipes = HeadsetPipes()
    try:
        config = load_sip_config(settings, listen=listen)
        engine = SoftphoneEngine(database, config, headset=pipes, actor=actor)
        engine.start()
    except DeskError as exc:
        log.warning("softphone not started: %s", exc)
        return None, str(exc)
    log.info("softphone listening on %s/%s", config.listen, config.transport)
    # The headset runs the whole shift: a missing one shows before the first call.
    headset = HeadsetBridge(pipes, settings)
    headset.start()
    return RunningPhone(engine, SoftphoneBridge(engine), headset), None

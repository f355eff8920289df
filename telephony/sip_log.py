"""pjsip's own log, routed into Python logging, and the INVITEs it dropped.

pjsip's parser silently discards a request whose From (or another
required header) does not parse: no response, no callback, the caller
just hears nothing until their phone gives up. On an emergency line that
call must still be logged, so this writer watches pjsip's log for the
"Dropped packet:INVITE" dump (log level 4) and queues the raw text for the
engine, which records the call as rejected and puts it on the callback
list. Everything else is forwarded to the "pjsip" logger up to
`sip.log_level` (levels above 3 print whole SIP messages, caller numbers
included, so the default stays at 1).

`write` runs on whatever thread pjsip logs from; it only appends to a
deque and calls `logging`, both thread-safe.
"""
from __future__ import annotations

import logging
import re
from collections import deque
from dataclasses import dataclass

import pjsua2 as pj

pjsip_log = logging.getLogger("pjsip")
CAPTURE_LEVEL = 4  # "Dropped packet:" dumps are logged at this level
_PY_LEVELS = {0: logging.CRITICAL, 1: logging.ERROR, 2: logging.WARNING, 3: logging.INFO}
_DROPPING = re.compile(r"Dropping \d+ bytes packet from (\S+) (\S+) : (.*)")
_MAX_QUEUED = 64


@dataclass(frozen=True)
class DroppedInvite:
    source: str   # "ip:port" as pjsip printed it
    reason: str   # pjsip's parse error, e.g. "... parsing 'From' header ..."
    message: str  # the INVITE as pjsip dumped it


class PjsipLogBridge(pj.LogWriter):
    def __init__(self, forward_level: int) -> None:
        super().__init__()
        self.forward_level = forward_level
        self.dropped: deque[DroppedInvite] = deque(maxlen=_MAX_QUEUED)
        self._last_drop: tuple[str, str] = ("", "")

    def write(self, entry) -> None:  # noqa: D401 - pjsua2 callback
        try:
            level = entry.level
            if level > self.forward_level and level != CAPTURE_LEVEL and level > 2:
                return
            text = entry.msg
            if "Dropp" in text:  # cheap test first: this runs for every log line
                self._watch(text)
            if level <= self.forward_level:
                pjsip_log.log(_PY_LEVELS.get(level, logging.DEBUG), "%s", text.rstrip())
        except Exception:  # noqa: BLE001 - never let an exception into pjsip
            pass

    def _watch(self, text: str) -> None:
        # pjsip prints "Dropping N bytes packet from UDP ip:port : why" and then,
        # on the same thread, "Dropped packet:<the message>".
        found = _DROPPING.search(text)
        if found:
            self._last_drop = (found.group(2), found.group(3).strip())
            return
        marker = text.find("Dropped packet:")
        if marker >= 0 and text.startswith("INVITE ", marker + len("Dropped packet:")):
            source, reason = self._last_drop
            self.dropped.append(DroppedInvite(source, reason,
                                              text[marker + len("Dropped packet:"):]))


def install(ep_config: pj.EpConfig, forward_level: int) -> deque[DroppedInvite]:
    """Route pjsip's log through a bridge; returns the queue of dropped INVITEs.

    pjsua2 deletes the writer in libDestroy(), so C++ must own it: the
    Python side keeps only the deque, never the writer itself.
    """
    bridge = PjsipLogBridge(forward_level)
    ep_config.logConfig.writer = bridge
    # pjsua hands the writer only what passes consoleLevel; forwarding to
    # Python logging is filtered in write() by forward_level.
    ep_config.logConfig.level = max(CAPTURE_LEVEL, forward_level)
    ep_config.logConfig.consoleLevel = max(CAPTURE_LEVEL, forward_level)
    ep_config.logConfig.decor = ep_config.logConfig.decor & ~pj.PJ_LOG_HAS_NEWLINE
    # Every SIP message dumped at level 4 would cost the intake path a Python
    # call each; the parser's "Dropped packet" dump does not depend on this.
    ep_config.logConfig.msgLogging = forward_level >= CAPTURE_LEVEL
    dropped = bridge.dropped
    bridge.__disown__()
    return dropped

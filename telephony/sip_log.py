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

Level 4 is also where pjsip narrates every call ("Incoming Request msg
INVITE", "initializing media", "Answering call"): ten lines per INVITE,
each a call into Python on the SIP thread, 0.3 ms of the ringing budget.
So pjlib's level stays at 2 (the "Dropping N bytes packet" warning comes
at 2) and is raised to 4 only between that warning and the dump that
follows it on the same thread: `pj_log_set_level`, which pjsua2 does not
wrap, is called through ctypes from pjsua2's own library. Where that
symbol cannot be found, the level simply stays at 4 as before.

`write` runs on whatever thread pjsip logs from; it only appends to a
deque and calls `logging`, both thread-safe.
"""
from __future__ import annotations

import ctypes
import logging
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import pjsua2 as pj

from dispatch.log_privacy import personal_data_logged

pjsip_log = logging.getLogger("pjsip")
CAPTURE_LEVEL = 4  # "Dropped packet:" dumps are logged at this level
WARNING_LEVEL = 2  # "Dropping N bytes packet from ..." is logged at this level
_PY_LEVELS = {0: logging.CRITICAL, 1: logging.ERROR, 2: logging.WARNING, 3: logging.INFO}
_DROPPING = re.compile(r"Dropping \d+ bytes packet from (\S+) (\S+) : (.*)")
# A request without a required header (no Call-ID, say) is not "Dropping":
# pjsip logs it once at level 1, the whole message after the reason.
_ERROR_PROCESSING = re.compile(r"Error processing packet from (\S+?): (.*?):\n(.*)", re.S)
_END_OF_PACKET = "\n-- end of packet."
_MAX_QUEUED = 64


@dataclass(frozen=True)
class DroppedInvite:
    source: str   # "ip:port" as pjsip printed it
    reason: str   # pjsip's parse error, e.g. "... parsing 'From' header ..."
    message: str  # the INVITE as pjsip dumped it


class PjsipLogBridge(pj.LogWriter):
    def __init__(self, forward_level: int, level_gate: PjlibLevelGate) -> None:
        super().__init__()
        self.forward_level = forward_level
        self.dropped: deque[DroppedInvite] = deque(maxlen=_MAX_QUEUED)
        self._last_drop: tuple[str, str] = ("", "")
        self._gate = level_gate

    def write(self, entry) -> None:  # noqa: D401 - pjsua2 callback
        try:
            level = entry.level
            if level > self.forward_level and level != CAPTURE_LEVEL and level > 2:
                return
            text = entry.msg
            if "Dropp" in text:  # cheap test first: this runs for every log line
                self._watch(text)
            elif "Error processing packet" in text:
                self._malformed(text)
            if level <= self.forward_level:
                pjsip_log.log(_PY_LEVELS.get(level, logging.DEBUG), "%s", _without_packet(text))
        except Exception:  # noqa: BLE001 - never let an exception into pjsip
            pass

    def _watch(self, text: str) -> None:
        # pjsip prints "Dropping N bytes packet from UDP ip:port : why" and then,
        # on the same thread, "Dropped packet:<the message>".
        found = _DROPPING.search(text)
        if found:
            self._last_drop = (found.group(2), found.group(3).strip())
            self._gate.open_for_dump()
            return
        marker = text.find("Dropped packet:")
        if marker >= 0:
            self._gate.quiet_down()
        if marker >= 0 and text.startswith("INVITE ", marker + len("Dropped packet:")):
            source, reason = self._last_drop
            self.dropped.append(DroppedInvite(source, reason,
                                              text[marker + len("Dropped packet:"):]))


    def _malformed(self, text: str) -> None:
        found = _ERROR_PROCESSING.search(text)
        if found and found.group(3).startswith("INVITE "):
            message = found.group(3)
            if message.endswith(_END_OF_PACKET):
                message = message[:-len(_END_OF_PACKET)]
            self.dropped.append(DroppedInvite(found.group(1), found.group(2).strip(), message))


def _without_packet(text: str) -> str:
    """A pjsip line as it may be logged: a packet dump after its first line
    carries callers' numbers and names, so it stays out unless the desk was
    started with --log-personal-data (sip.log_level 4 and up, for debugging)."""
    text = text.rstrip()
    head, newline, _ = text.partition("\n")
    if not newline or personal_data_logged():
        return text
    return f"{head} [SIP message not logged: personal data]"


class PjlibLevelGate:
    """pjlib's log level: quiet, except for the dump of a dropped packet.

    Shared by the writer (C++ owns it, and deletes it in libDestroy()) and
    the SIP stack, which keeps only this object."""

    def __init__(self, forward_level: int, setter: Callable[[int], None] | None) -> None:
        quiet = max(forward_level, WARNING_LEVEL)
        self._setter = setter if quiet < CAPTURE_LEVEL else None
        self.quiet_level = quiet if self._setter is not None else max(forward_level,
                                                                       CAPTURE_LEVEL)
        self._open = False

    def open_for_dump(self) -> None:
        if self._setter is not None:
            self._open = True
            self._setter(CAPTURE_LEVEL)

    def quiet_down(self) -> None:
        """Back to the quiet level; also after each poll, in case a drop
        warning ever comes without its dump."""
        if self._open:
            self._open = False
            self._setter(self.quiet_level)


def pjlib_level_setter() -> Callable[[int], None] | None:
    """pjlib's `pj_log_set_level`, from the library pjsua2 already loaded."""
    try:
        setter = ctypes.CDLL(pj._pjsua2.__file__).pj_log_set_level
    except (AttributeError, OSError):
        pjsip_log.debug("pj_log_set_level not found: pjsip logs at level %d", CAPTURE_LEVEL)
        return None
    setter.argtypes = [ctypes.c_int]
    setter.restype = None
    return setter


def install(ep_config: pj.EpConfig,
            forward_level: int) -> tuple[deque[DroppedInvite], PjlibLevelGate]:
    """Route pjsip's log through a bridge; returns the queue of dropped
    INVITEs and the level gate.

    pjsua2 deletes the writer in libDestroy(), so C++ must own it: the
    Python side keeps only the deque and the gate, never the writer itself.
    """
    gate = PjlibLevelGate(forward_level, pjlib_level_setter())
    bridge = PjsipLogBridge(forward_level, gate)
    ep_config.logConfig.writer = bridge
    # pjsua hands the writer only what passes consoleLevel (and pjlib's own
    # level, which gates every line at its source); forwarding to Python
    # logging is filtered in write() by forward_level.
    ep_config.logConfig.level = gate.quiet_level
    ep_config.logConfig.consoleLevel = max(CAPTURE_LEVEL, forward_level)
    ep_config.logConfig.decor = ep_config.logConfig.decor & ~pj.PJ_LOG_HAS_NEWLINE
    # Every SIP message dumped at level 4 would cost the intake path a Python
    # call each; the parser's "Dropped packet" dump does not depend on this.
    ep_config.logConfig.msgLogging = forward_level >= CAPTURE_LEVEL
    dropped = bridge.dropped
    bridge.__disown__()
    return dropped, gate

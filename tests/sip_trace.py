"""Reading what a SIPp caller saw, from its `-trace_msg` log
(<scenario>_<pid>_messages.log in its working directory): which requests
reached it, for which call. A test that drives the desk by keys waits on
this to know that a re-INVITE was answered *and acknowledged* before the
next key, since the desk says "held" as the re-INVITE leaves."""
from __future__ import annotations

import re
from pathlib import Path

TRACE_ARGS = ("-trace_msg",)
_RECEIVED = re.compile(r"message received \[\d+\] bytes :\s*\n\s*\n", re.IGNORECASE)


def received(workdir: Path) -> list[str]:
    """Every SIP message the caller received, in order."""
    messages: list[str] = []
    for log in sorted(workdir.glob("*_messages.log")):
        text = log.read_text("utf-8", "replace")
        for match in _RECEIVED.finditer(text):
            body = text[match.end():]
            end = body.find("\n-----------------------------------------------")
            messages.append(body if end < 0 else body[:end])
    return messages


def call_id_of(message: str) -> str | None:
    found = re.search(r"^(?:Call-ID|i):\s*(\S+)", message, re.IGNORECASE | re.MULTILINE)
    return found.group(1) if found else None


def requests_received(workdir: Path, method: str, call_id: str | None = None) -> list[str]:
    """The requests of `method` the caller received (of one call, if given)."""
    return [message for message in received(workdir)
            if message.startswith(f"{method} ")
            and (call_id is None or call_id_of(message) == call_id)]


def holds_received(workdir: Path, call_id: str) -> list[bool]:
    """For each re-INVITE the caller received on this call: True for a
    hold (its SDP offers sendonly or inactive), False for a resume."""
    invites = requests_received(workdir, "INVITE", call_id)
    return [("a=sendonly" in message or "a=inactive" in message) for message in invites]

"""What crosses the engine link, byte for byte. Never pickle: a frame that
unpickles runs code, and the link must not trust its peer beyond the
authkey handshake.

Every frame is bytes whose first byte says what follows:

    h  HELLO       JSON, once each way, first. Window → engine:
                   {"protocol", "role", "pid", "headset", "latency_ms"};
                   engine → window: {"protocol", "pid", "engine": describe(),
                   "facts": engine.json without the authkey, "headset": PCM
                   format, "active_calls": [...]}
    e  EVENT       JSON, engine → window: one CallEvent, every dataclass field
                   by name (kind by value, datetimes ISO 8601), in order
    c  COMMAND     JSON, window → engine: {"id", "name", "args"}
    r  REPLY       JSON, engine → window: {"id", "ok": true, "result"} or
                   {"id", "ok": false, "error": one line, "error_class",
                   "error_classes": the class and its bases, most derived first,
                   "code" and "params": a DeskError's, so the window can say it
                   in its own language (enums as their values)}
    E  EARPIECE    engine → window: 8-byte big-endian time.monotonic_ns() the
                   audio entered the engine's earpiece pipe, then raw PCM
    M  MICROPHONE  window → engine: the same, from the window's microphone pipe

Events are serialised field by field from the dataclass, so kinds and
fields added to telephony/events.py pass through without a change here.
"""
from __future__ import annotations

import dataclasses
import enum
import json
import struct
import typing
from datetime import datetime
from pathlib import Path
from typing import Any

import dispatch.calls  # noqa: F401 - its refusals (CallTaken) must be known by name
from dispatch.errors import DeskError
from dispatch.timeutil import utcnow
from telephony.events import CallEvent, EventKind

PROTOCOL = 1
HELLO, EVENT, COMMAND, REPLY = b"h", b"e", b"c", b"r"
EARPIECE, MICROPHONE = b"E", b"M"
MAX_FRAME_BYTES = 1 << 20
_STAMP = struct.Struct(">q")
AUDIO_HEADER_BYTES = 1 + _STAMP.size

_EVENT_FIELDS = tuple(field.name for field in dataclasses.fields(CallEvent))
_EVENT_TYPES = typing.get_type_hints(CallEvent)


class EngineUnavailable(DeskError):
    """No engine answers on the link (not running, starting, or gone)."""


class RemoteError(Exception):
    """An error of the engine's that is no DeskError (a bug, a pjsua2 fault):
    it comes back as a subclass of this one with the original class name."""


# ------------------------------------------------------------------ frames

def pack_json(tag: bytes, message: dict) -> bytes:
    return tag + json.dumps(message, default=_plain, separators=(",", ":"),
                            ensure_ascii=False).encode("utf-8")


def unpack_json(frame: bytes) -> dict:
    message = json.loads(bytes(frame[1:]).decode("utf-8"))
    if not isinstance(message, dict):
        raise ValueError("a JSON frame must hold an object")
    return message


def pack_audio(tag: bytes, written_ns: int, pcm: bytes) -> bytes:
    return tag + _STAMP.pack(written_ns) + pcm


def unpack_audio(frame: bytes) -> tuple[int, memoryview]:
    """(when the audio was written on the sending side, its PCM)."""
    return _STAMP.unpack_from(frame, 1)[0], memoryview(frame)[AUDIO_HEADER_BYTES:]


# ------------------------------------------------------------------ events

def event_to_plain(event: CallEvent) -> dict:
    return {name: _plain_value(getattr(event, name)) for name in _EVENT_FIELDS}


def event_from_plain(data: dict) -> CallEvent:
    """Fields this side does not know are left out; missing ones take their
    defaults. An unknown kind raises ValueError (an engine newer than us)."""
    values = {name: _typed(_EVENT_TYPES.get(name), data[name])
              for name in _EVENT_FIELDS if name in data}
    return CallEvent(**values)


def _typed(hint: Any, value: Any) -> Any:
    if value is None or hint is None:
        return value
    candidates = typing.get_args(hint) or (hint,)
    for candidate in candidates:
        if candidate is datetime and isinstance(value, str):
            return datetime.fromisoformat(value)
        if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            return candidate(value)
    return value


def _plain_value(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value.value if isinstance(value, enum.Enum) else value
    return _plain(value)


def _plain(value: Any) -> Any:
    """json.dumps' fallback for what commands and events hold."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, Path):
        return str(value)
    return str(value)


RESYNC = "resync"  # detail of the events a client makes up from a hello's live calls


def resync_events(calls: list[dict]) -> list[CallEvent]:
    """The live calls of a hello as the events that would have made them:
    ANSWERED (and HELD), DIALING for a call-back. Ringing calls are left to
    the database, which has the time they began to ring."""
    now = utcnow()
    events: list[CallEvent] = []
    for call in calls:
        facts = {"sip_call_id": call.get("sip_call_id") or "", "call_id": call.get("call_id"),
                 "direction": call.get("direction") or "inbound", "line": call.get("line"),
                 "caller": call.get("caller"), "caller_name": call.get("caller_name"),
                 "withheld": bool(call.get("withheld")), "blocked": bool(call.get("blocked")),
                 "detail": RESYNC}
        state = call.get("state")
        if state in ("answered", "held"):
            events.append(CallEvent(EventKind.ANSWERED, now, **facts))
            if state == "held":
                events.append(CallEvent(EventKind.HELD, now, **facts))
        elif facts["direction"] != "inbound":
            events.append(CallEvent(EventKind.DIALING, now, **facts))
    return events


# ------------------------------------------------------------------ errors

def error_to_plain(error: BaseException) -> dict:
    text = str(error).strip().splitlines()
    classes = [cls.__name__ for cls in type(error).__mro__
               if issubclass(cls, BaseException) and cls not in (BaseException, Exception)]
    plain = {"ok": False, "error": text[0] if text else type(error).__name__,
             "error_class": type(error).__name__, "error_classes": classes}
    if isinstance(error, DeskError):
        plain["code"] = error.code
        plain["params"] = {str(name): _param(value) for name, value in error.params.items()}
    return plain


def _param(value: Any) -> Any:
    """A refusal's value as JSON: enums by value, lists as lists, a nested
    refusal (or anything else) as its one line of text."""
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_param(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _param(item) for key, item in value.items()}
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def error_from_plain(reply: dict) -> Exception:
    """The engine's refusal as an exception of the same class name: the
    desk's own class where this side has it (NotFound, CallTaken, ...),
    else a subclass made on the spot of the nearest DeskError base it knows,
    or of RemoteError for anything that is no DeskError."""
    text = str(reply.get("error") or "the engine refused the command")
    name = str(reply.get("error_class") or "RemoteError")
    chain = [str(c) for c in reply.get("error_classes") or [name]]
    known = _known_desk_errors()
    if name in known:
        cls = known[name]
    else:
        base = next((known[c] for c in chain if c in known), RemoteError)
        cls = _stand_in(name, base)
    if not issubclass(cls, DeskError):
        return cls(text)
    # Not through the class's own __init__: some take other arguments
    # (LikelyDuplicate its matches); the message, code and params are all
    # the window reads.
    error = cls.__new__(cls)
    Exception.__init__(error, text)
    params = reply.get("params")
    error.code = str(reply.get("code") or "")
    error.params = dict(params) if isinstance(params, dict) else {}
    return error


_STAND_INS: dict[tuple[str, type], type] = {}


def _stand_in(name: str, base: type) -> type:
    key = (name, base)
    if key not in _STAND_INS:
        _STAND_INS[key] = type(name, (base,), {"__module__": __name__,
                                               "__doc__": f"The engine's {name}."})
    return _STAND_INS[key]


def _known_desk_errors() -> dict[str, type]:
    found: dict[str, type] = {}
    pending = [DeskError]
    while pending:
        cls = pending.pop()
        if cls.__module__ != __name__ or cls is EngineUnavailable:
            found.setdefault(cls.__name__, cls)
        pending.extend(cls.__subclasses__())
    return found

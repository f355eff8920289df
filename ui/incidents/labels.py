"""What people read for an incident's own values (how it ended, what its
timeline says), in the current language; looked up at call time like
ui/labels.py, whose status words these reuse.

The domain writes each timeline entry twice: an English sentence for the
log and the command line, and its values (IncidentEvent.data: type,
priority, changes, callsign and step, before and after, ...). The window
says an entry from its values, in the desk's language, and never reads the
English. A note is the operator's own words and is shown as typed. An
entry without values (written before 0005 kept them) or of a shape not
known here is shown as the domain wrote it, in English: never dropped, and
never guessed at by parsing a sentence that may be reworded.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from dispatch.assignments import CANCEL_DISPOSITIONS, CLOSE_DISPOSITIONS
from dispatch.timeutil import format_wita, to_wita, utcnow
from ui import labels

translate = QCoreApplication.translate


def disposition_name(value: str | None) -> str:
    names = {
        "handled": translate("IncidentLabels", "ditangani"),
        "referred": translate("IncidentLabels", "diteruskan ke instansi lain"),
        "no_action_needed": translate("IncidentLabels", "tidak perlu tindakan"),
        "false_alarm": translate("IncidentLabels", "laporan palsu / salah"),
        "duplicate": translate("IncidentLabels", "duplikat kejadian lain"),
        "prank": translate("IncidentLabels", "panggilan iseng"),
        "caller_cancelled": translate("IncidentLabels", "dibatalkan penelepon"),
    }
    return names.get(value or "", value or "")


def dispositions(cancel: bool) -> tuple[str, ...]:
    return CANCEL_DISPOSITIONS if cancel else CLOSE_DISPOSITIONS


def assignment_status(value: str) -> str:
    """A unit's status on this incident: its own, or done with it."""
    if value == "cleared":
        return translate("IncidentLabels", "sudah lepas")
    return labels.unit_status(value)


def place_unknown() -> str:
    return translate("IncidentLabels", "⚠ lokasi belum diketahui")


def when(moment) -> str:
    """A time on the incident: today's as the time alone, older ones dated."""
    local = to_wita(moment)
    if local is None:
        return ""
    return format_wita(moment, with_date=local.date() != to_wita(utcnow()).date())


def clock(moment) -> str:
    """A step's time in a table cell: 14:05:09 (WITA, said in the header)."""
    local = to_wita(moment)
    return "" if local is None else local.strftime("%H:%M:%S")


def timeline_kind(kind: str) -> str:
    names = {
        "created": translate("IncidentLabels", "dibuat"),
        "note": translate("IncidentLabels", "catatan"),
        "corrected": translate("IncidentLabels", "koreksi"),
        "located": translate("IncidentLabels", "lokasi ditemukan"),
        "report": translate("IncidentLabels", "laporan tambahan"),
        "unit": translate("IncidentLabels", "unit"),
        "status": translate("IncidentLabels", "status"),
    }
    return names.get(kind, kind)


def timeline_text(kind: str, text: str, data: dict | None,
                  type_names: Mapping[str, str] | None = None) -> str:
    """The entry's words in the desk's language, said from its values;
    `type_names` (code → name in the desk's language) names incident types."""
    say = _SAY.get(kind)
    if not data or say is None:
        return text
    try:
        return say(data, type_names or {})
    except (KeyError, TypeError, ValueError):  # values of a shape not known here
        return text


def timeline_line(entry, type_names: Mapping[str, str] | None = None) -> str:
    """One TimelineEntry as a line: when · who · what."""
    return f"{when(entry.at)} · {entry.actor} · {timeline_kind(entry.kind)}: " \
           f"{timeline_text(entry.kind, entry.text, entry.data, type_names)}"


def field_name(field: str) -> str:
    names = {"type_code": translate("IncidentLabels", "jenis"),
             "priority": translate("IncidentLabels", "prioritas"),
             "lat": translate("IncidentLabels", "lintang"),
             "lon": translate("IncidentLabels", "bujur"),
             "address": translate("IncidentLabels", "alamat")}
    return names.get(field, field)


def _created_text(data: dict, type_names: Mapping[str, str]) -> str:
    said = f"{type_names.get(data['type'], data['type'])} P{data['priority']}"
    return f"{said} ({place_unknown()})" if data.get("place_unknown") else said


def _change_text(data: dict, type_names: Mapping[str, str]) -> str:
    unknown = translate("IncidentLabels", "(belum diketahui)")

    def value(field: str, said: Any) -> str:
        if said is None or said == "":  # no place yet, no address yet
            return unknown
        return type_names.get(said, said) if field == "type_code" else str(said)
    return ", ".join(f"{field_name(field)} {value(field, before)} → {value(field, after)}"
                     for field, before, after in data["changes"])


def _report_text(data: dict, _type_names: Mapping[str, str]) -> str:
    call_id, note = data.get("call_id"), data.get("note")
    said = (translate("IncidentLabels", "panggilan #%1").replace("%1", str(call_id))
            if call_id is not None else translate("IncidentLabels", "tanpa panggilan"))
    return f"{said}: {note}" if note else said


def _unit_text(data: dict, _type_names: Mapping[str, str]) -> str:
    callsign, step = data["callsign"], data["step"]
    if step == "clear":
        said = translate("IncidentLabels", "%1 lepas dari kejadian").replace("%1", callsign)
        reason = _clear_reason(data)
        return f"{said} ({reason})" if reason else said
    said = f"{callsign} {labels.unit_status(step)}"
    if data.get("area"):
        said += " " + translate("IncidentLabels", "ke %1 (lokasi belum diketahui)").replace(
            "%1", data["area"])
    return said


def _clear_reason(data: dict) -> str:
    reason = data.get("reason") or ""
    if reason == "reassigned":
        moved = translate("IncidentLabels", "dipindah ke kejadian #%1").replace(
            "%1", str(data["to_incident"]))
        return f"{moved}: {data['note']}" if data.get("note") else moved
    if reason in ("closed", "cancelled"):
        return labels.incident_status(reason)
    return "" if reason == "clear" else reason


def _status_text(data: dict, _type_names: Mapping[str, str]) -> str:
    said = f"{labels.incident_status(data['before'])} → {labels.incident_status(data['after'])}"
    why = ": ".join(part for part in (disposition_name(data.get("disposition")),
                                      data.get("note")) if part)
    return f"{said}: {why}" if why else said


_SAY = {"created": _created_text, "corrected": _change_text, "located": _change_text,
        "report": _report_text, "unit": _unit_text, "status": _status_text}

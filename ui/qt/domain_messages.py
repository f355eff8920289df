"""The desk's refusals in the operator's language.

Each DeskError carries an English message (for the command line and the log)
and a `code` with its values in `params` (dispatch/errors.py). The sentence
for each code, in Bahasa Indonesia with named placeholders and translated
through Qt, is in ui/qt/domain_sentences.py; this module says each value
(the domain's enums and words through ui/labels.py, a nested refusal through
its own sentence, numbers and names as they are) and fills them in.

A code the table does not know, or a sentence whose values did not all
arrive (an engine older than the window), falls back to the English message;
tests/test_error_codes.py keeps the table in step with every code dispatch/,
radio/ and telephony/ raise.
"""
from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from dispatch.enums import (
    CallStatus,
    ComplaintChannel,
    ComplaintStatus,
    IncidentStatus,
    Role,
    UnitStatus,
)
from dispatch.errors import DeskError
from dispatch.permissions import Permission
from ui import labels
from ui.complaints import labels as complaint_labels
from ui.qt.domain_sentences import sentences

CONTEXT = "DomainMessages"
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
Translator = Callable[[Any], str]


def _known(value: Any) -> str:
    """The known codes a "not found" lists; none yet means a desk not set up."""
    if not value:
        return QCoreApplication.translate("DomainMessages", "belum ada — jalankan safedesk init")
    return value_text(value)


def _finite_rule(coordinate: Any) -> str:
    if coordinate:
        return QCoreApplication.translate("DomainMessages", "koordinat harus bilangan terhingga")
    return QCoreApplication.translate("DomainMessages", "bilangan harus terhingga")


_UNIT = {"status": labels.unit_status, "before": labels.unit_status, "after": labels.unit_status}
_COMPLAINT = {"status": labels.complaint_status, "before": labels.complaint_status,
              "after": labels.complaint_status}
_RELAY = {"device": labels.device_name, "got": labels.relay_state, "wanted": labels.relay_state}

# How a value is shown where its type alone does not say (enums that crossed
# the engine link arrive as their plain values): by code, then by name.
TRANSLATORS: dict[str, dict[str, Translator]] = {
    "unit.already": _UNIT,
    "unit.cannot_change": _UNIT,
    "unit.not_available": _UNIT,
    "unit.just_changed": _UNIT,
    "unit.just_changed_on_incident": _UNIT,
    "incident.closed": {"status": labels.incident_status},
    "call.cannot_answer": {"status": labels.call_status},
    "complaint.already": _COMPLAINT,
    "complaint.cannot_change": _COMPLAINT,
    "complaint.closed": _COMPLAINT,
    "reading.already_ended": {"reason": labels.reading_end_reason},
    "seed.not_finite": {"coordinate": _finite_rule},
    "relay.changed_behind": _RELAY,
    "relay.reads_wrong": _RELAY,
}
BY_NAME: dict[str, Translator] = {
    "what": labels.field_name,
    "axis": labels.axis_name,
    "device": labels.device_name,
    "origin": labels.setting_origin,
    "permission": labels.permission_name,
    "role": lambda value: labels.role_name(value) if value else "sistem",
    "known": _known,
}
# The domain's enums wherever they appear (a value still typed as its enum).
BY_ENUM: dict[type, Translator] = {
    UnitStatus: labels.unit_status,
    IncidentStatus: labels.incident_status,
    CallStatus: labels.call_status,
    ComplaintStatus: labels.complaint_status,
    ComplaintChannel: complaint_labels.channel_name,
    Role: labels.role_name,
    Permission: labels.permission_name,
}


def value_text(value: Any) -> str:
    """One value of a refusal as a person reads it, whatever its name."""
    if isinstance(value, DeskError):
        return describe(value).rstrip(".")
    if isinstance(value, enum.Enum):
        return BY_ENUM.get(type(value), str)(value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(value_text(item) for item in value)
    return "" if value is None else str(value)


def sentence(code: str, params: Mapping[str, Any]) -> str | None:
    """The sentence for `code` with its values, in the current language; None
    for a code the table does not know or a value that did not arrive."""
    template = sentences().get(code)
    if not template:
        return None
    named = TRANSLATORS.get(code, {})
    missing = False

    def fill(match: re.Match) -> str:
        nonlocal missing
        name = match.group(1)
        if name not in params:
            missing = True
            return match.group(0)
        value = params[name]
        translator = named.get(name) or BY_NAME.get(name)
        if translator is not None and not isinstance(value, DeskError):
            if isinstance(value, (list, tuple)) and name != "known":
                return ", ".join(translator(item) for item in value)
            return translator(value)
        return value_text(value)

    text = _PLACEHOLDER.sub(fill, template)
    return None if missing else text


def describe(error: DeskError) -> str:
    """A refusal in the current language; its English message when the
    table has no sentence for it."""
    return sentence(error.code, error.params) or str(error)


def describe_code(code: str, params: Mapping[str, Any], english: str) -> str:
    """The same for a refusal that came as parts (a relay Fault event)."""
    return sentence(code, params) or english

"""What people read for complaint values (statuses, channels, time left),
in the current language; looked up at call time like ui/labels.py."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from dispatch.complaints import OPEN_STATES
from dispatch.enums import ComplaintChannel, ComplaintStatus
from dispatch.timeutil import as_utc, format_wita, utcnow

translate = QCoreApplication.translate
OVERDUE_BACKGROUND = "#ffcdd2"
OVERDUE_FOREGROUND = "#b71c1c"
STATUSES = tuple(status.value for status in ComplaintStatus)
CHANNELS = tuple(channel.value for channel in ComplaintChannel)


def status_name(value: str) -> str:
    names = {"received": translate("ComplaintLabels", "diterima"),
             "forwarded": translate("ComplaintLabels", "diteruskan ke instansi"),
             "in_progress": translate("ComplaintLabels", "sedang ditangani"),
             "resolved": translate("ComplaintLabels", "tuntas"),
             "rejected": translate("ComplaintLabels", "ditolak")}
    return names.get(value, value)


def channel_name(value: str) -> str:
    names = {"call": translate("ComplaintLabels", "telepon"),
             "walk_in": translate("ComplaintLabels", "datang langsung"),
             "sms": translate("ComplaintLabels", "SMS"),
             "letter": translate("ComplaintLabels", "surat"),
             "other": translate("ComplaintLabels", "lainnya")}
    return names.get(value, value)


def span(seconds: float) -> str:
    minutes = max(0, int(seconds)) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return translate("ComplaintLabels", "%1 hari %2 jam").replace("%1", str(days)).replace(
            "%2", str(hours))
    return translate("ComplaintLabels", "%1 jam %2 mnt").replace("%1", str(hours)).replace(
        "%2", f"{minutes:02d}")


def due_text(status: str, due_at: datetime, now: datetime | None = None) -> str:
    """Time left to the target, or how late it is; nothing once closed."""
    if ComplaintStatus(status) not in OPEN_STATES:
        return ""
    left = (as_utc(due_at) - (now or utcnow())).total_seconds()
    if left < 0:
        return translate("ComplaintLabels", "⚠ terlambat %1").replace("%1", span(-left))
    return translate("ComplaintLabels", "sisa %1").replace("%1", span(left))


def history_line(entry) -> str:
    """One history entry (ui.complaints.snapshots.HistoryLine) as a line."""
    if entry.kind == "on_air":
        text = translate("ComplaintLabels", "dibacakan di udara: buletin #%1 «%2»").replace(
            "%1", str(entry.bulletin_id)).replace("%2", entry.bulletin_title)
        if entry.ended_at is not None:
            text += " " + translate("ComplaintLabels", "(selesai %1)").replace(
                "%1", format_wita(entry.ended_at, False))
    elif entry.kind == "opened":
        text = translate("ComplaintLabels", "tiket dibuka (%1)").replace(
            "%1", channel_name(entry.channel))
    else:
        text = translate("ComplaintLabels", "%1 → %2: %3").replace(
            "%1", status_name(entry.from_status)).replace(
            "%2", status_name(entry.to_status)).replace("%3", entry.note)
    return translate("ComplaintLabels", "%1 · %2 · %3").replace(
        "%1", format_wita(entry.at)).replace("%2", entry.actor).replace("%3", text)

"""What people read for the domain's stable values, in the current language.

Looked up at call time, never cached at import: the language can change
while the window is open.
"""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from dispatch.timeutil import as_utc, utcnow
from ui.complaints import labels as complaint_labels
from ui.qt.translations import current_language

translate = QCoreApplication.translate
PRIORITY_COLOURS = {1: "#c62828", 2: "#ef6c00", 3: "#f9a825", 4: "#2e7d32", 5: "#546e7a"}
PRIORITY_ROW_TINTS = {1: "#ffebee", 2: "#fff3e0", 3: "#fffde7", 4: "#e8f5e9", 5: "#eceff1"}


def unit_status(value: str) -> str:
    names = {
        "available": translate("Labels", "tersedia"),
        "dispatched": translate("Labels", "ditugaskan"),
        "en_route": translate("Labels", "dalam perjalanan"),
        "on_scene": translate("Labels", "di lokasi"),
        "out_of_service": translate("Labels", "tidak siaga"),
    }
    return names.get(value, value)


def incident_status(value: str) -> str:
    names = {
        "open": translate("Labels", "terbuka"),
        "dispatched": translate("Labels", "unit dikirim"),
        "on_scene": translate("Labels", "unit di lokasi"),
        "closed": translate("Labels", "selesai", "incident status"),
        "cancelled": translate("Labels", "dibatalkan"),
    }
    return names.get(value, value)


def call_status(value: str) -> str:
    names = {
        "ringing": translate("Labels", "berdering"),
        "answered": translate("Labels", "terhubung"),
        "ended": translate("Labels", "selesai", "call status"),
        "abandoned": translate("Labels", "tak terjawab"),
        "rejected": translate("Labels", "ditolak"),
        "timed_out": translate("Labels", "tak terjawab (waktu habis)"),
    }
    return names.get(value, value)


def role_name(value: str) -> str:
    names = {
        "call_taker": translate("Labels", "Penerima panggilan"),
        "dispatcher": translate("Labels", "Dispatcher"),
        "radio": translate("Labels", "Staf radio"),
        "supervisor": translate("Labels", "Supervisor"),
    }
    return names.get(value, value)


def permission_name(value: str) -> str:
    """What a permission lets an operator do, as a verb phrase."""
    names = {
        "answer_calls": translate("Labels", "menerima panggilan"),
        "create_incidents": translate("Labels", "membuat dan mengubah kejadian"),
        "assign_units": translate("Labels", "mengirim unit"),
        "change_unit_status": translate("Labels", "mengubah status unit"),
        "edit_complaints": translate("Labels", "mengubah pengaduan"),
        "set_agencies": translate("Labels", "mengatur instansi"),
        "go_on_air": translate("Labels", "siaran"),
        "purge_recordings": translate("Labels", "menghapus rekaman"),
        "edit_fleet": translate("Labels", "mengubah pos dan unit"),
        "edit_operators": translate("Labels", "mengatur operator"),
        "read_audit": translate("Labels", "membaca jejak audit"),
        "block_callers": translate("Labels", "memblokir nomor penelepon"),
        "read_statistics": translate("Labels", "membaca statistik dan laporan"),
    }
    return names.get(str(value), str(value))


def history_kind(value: str) -> str:
    names = {
        "call": translate("Labels", "panggilan"),
        "incident": translate("Labels", "kejadian"),
        "complaint": translate("Labels", "pengaduan"),
    }
    return names.get(value, value)


def history_status(kind: str, value: str) -> str:
    """The status of a caller's earlier call, incident or complaint."""
    if kind == "call":
        return call_status(value)
    if kind == "incident":
        return incident_status(value)
    if kind == "complaint":
        return complaint_status(value)
    return value


def call_direction(value: str) -> str:
    names = {"inbound": translate("Labels", "panggilan masuk"),
             "outbound": translate("Labels", "panggilan keluar")}
    return names.get(value, value)


def line_service(purpose: str | None) -> str:
    """The service a called line belongs to (LinePurpose), as the centre names it."""
    names = {"emergency": translate("Labels", "Darurat"),
             "complaints": translate("Labels", "Halo Denpasar")}
    return names.get(purpose or "", purpose or "")


def origin_name(value: str) -> str:
    if value == "position":
        return translate("Labels", "posisi terakhir")
    return translate("Labels", "pos")


def withheld() -> str:
    return translate("Labels", "nomor disembunyikan")


def private_number() -> str:
    """A number the network asserted on the emergency line although the
    caller asked to hide it (RFC 3325): for the call-taker's eyes only."""
    return translate("Labels", "privat")


def localized(name_id: str, name_en: str) -> str:
    """Names the seed data carries in both languages (incident types, unit kinds)."""
    return name_en if current_language() == "en" and name_en else name_id


def elapsed(since: datetime | None, now: datetime | None = None) -> str:
    """Time since `since` as m:ss or h:mm:ss; a board reads this at a glance."""
    if since is None:
        return ""
    seconds = max(0, int(((now or utcnow()) - as_utc(since)).total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def duration(seconds: float) -> str:
    minutes, seconds = divmod(int(round(seconds)), 60)
    return translate("Labels", "%1 mnt %2 dtk").replace("%1", str(minutes)).replace(
        "%2", f"{seconds:02d}")


def distance(metres: float) -> str:
    return translate("Labels", "%1 km").replace("%1", f"{metres / 1000:.1f}")


# ---- words the domain's refusals carry (ui/qt/domain_messages.py)

def complaint_status(value: str) -> str:
    return complaint_labels.status_name(value)  # one translation of each status


def complaint_channel(value: str) -> str:
    return complaint_labels.channel_name(value)


def callback_state(value: str | None) -> str:
    """Where an unanswered call stands on the callback list."""
    names = {"pending": translate("Labels", "menunggu telepon balik"),
             "called_back": translate("Labels", "sudah ditelepon balik"),
             "cleared": translate("Labels", "dihapus dari daftar")}
    return names.get(value or "", value or "")


def bulletin_status(value: str) -> str:
    names = {"draft": translate("Labels", "draf"),
             "ready": translate("Labels", "siap"),
             "read": translate("Labels", "sudah disiarkan")}
    return names.get(value, value)


def field_name(value: str) -> str:
    """The field a too-long text was typed in ("note", "reporter name")."""
    names = {
        "note": translate("Labels", "catatan"),
        "notes": translate("Labels", "catatan"),
        "reason": translate("Labels", "alasan"),
        "title": translate("Labels", "judul"),
        "reading text": translate("Labels", "teks bacaan"),
        "description": translate("Labels", "uraian"),
        "address": translate("Labels", "alamat"),
        "reporter name": translate("Labels", "nama pelapor"),
        "agency name": translate("Labels", "nama instansi"),
        "agency phone": translate("Labels", "telepon instansi"),
    }
    return names.get(value, value)


def axis_name(value: str) -> str:
    names = {"latitude": translate("Labels", "lintang"),
             "longitude": translate("Labels", "bujur")}
    return names.get(value, value)


def relay_state(value: str) -> str:
    """What a relay channel read back: on, off, or nothing at all."""
    names = {"on": translate("Labels", "nyala", "relay state"),
             "off": translate("Labels", "mati", "relay state"),
             "nothing": translate("Labels", "tanpa jawaban", "relay state")}
    return names.get(value, value)


def device_name(value: str) -> str:
    names = {"relay": translate("Labels", "relai"),
             "RDS encoder": translate("Labels", "encoder RDS")}
    return names.get(value, value)


def reading_end_reason(value: str) -> str:
    """Why an on-air reading ended (the on-air log's end reasons)."""
    names = {"off_air": translate("Labels", "selesai mengudara"),
             "timeout": translate("Labels", "batas waktu pengaman"),
             "fault": translate("Labels", "gangguan relai"),
             "close": translate("Labels", "desk ditutup")}
    return names.get(value, value)


def setting_origin(value: str) -> str:
    """Where a setting's value came from: the command line, $ENV, a file."""
    if value == "the command line":
        return translate("Labels", "baris perintah")
    return value

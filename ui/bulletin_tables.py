"""The three tables of the bulletin editor: bulletins, candidate tickets,
and the chosen bulletin's items. Headers and values are translated at paint
time, so a language switch only needs `retranslate()` on each model."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from dispatch.timeutil import format_wita
from ui import complaint_labels
from ui.table_model import Column

CONTEXT = "BulletinTables"
EDITED_TINT = "#fff8e1"  # the presenter's own wording: worth a second look before air


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def bulletin_status(value: str) -> str:
    names = {"draft": _t("draf"), "ready": _t("siap"), "read": _t("sudah disiarkan")}
    return names.get(value, value)


def first_line(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def bulletin_columns() -> list[Column]:
    return [
        Column(lambda: _t("No."), lambda row: str(row.id)),
        Column(lambda: _t("Judul"), lambda row: row.title),
        Column(lambda: _t("Status"), lambda row: bulletin_status(row.status)),
        Column(lambda: _t("Item"), lambda row: str(row.item_count)),
        Column(lambda: _t("Dibuat"), lambda row: format_wita(row.created_at)),
        Column(lambda: _t("Terakhir disiarkan"), lambda row: format_wita(row.last_read_at)),
    ]


def candidate_columns() -> list[Column]:
    return [
        Column(lambda: _t("Tiket"), lambda row: row.ticket),
        Column(lambda: _t("Kategori"), lambda row: row.category_name),
        Column(lambda: _t("Tempat"), lambda row: row.place),
        Column(lambda: _t("Status"), lambda row: complaint_labels.status_name(row.status)),
        Column(lambda: _t("Diubah"), lambda row: format_wita(row.updated_at)),
    ]


def item_columns() -> list[Column]:
    tint = lambda row: EDITED_TINT if row.edited else None  # noqa: E731
    return [
        Column(lambda: _t("No."), lambda row: str(row.position), tint),
        Column(lambda: _t("Tiket"), lambda row: row.ticket, tint),
        Column(lambda: _t("Kategori"), lambda row: row.category_name, tint),
        Column(lambda: _t("Tempat"), lambda row: row.place, tint),
        Column(lambda: _t("Status"), lambda row: complaint_labels.status_name(row.status), tint),
        Column(lambda: _t("Teks bacaan"), lambda row: first_line(row.reading_text), tint,
               tooltip=lambda row: (_t("Teks diubah penyiar") if row.edited
                                    else _t("Draf dari desk"))),
    ]

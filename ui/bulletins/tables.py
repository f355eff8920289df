"""The three tables of the bulletin editor: bulletins, candidate tickets,
and the chosen bulletin's items. Headers and values are translated at paint
time, so a language switch only needs `retranslate()` on each model.

Each text is a literal `translate("BulletinTables", …)` call: lupdate
finds only those, and a string it never finds stays Indonesian in English.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from dispatch.timeutil import format_wita
from ui import labels
from ui.widgets.table_model import Column

EDITED_TINT = "#fff8e1"  # the presenter's own wording: worth a second look before air
translate = QCoreApplication.translate


def first_line(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _category(row) -> str:
    return labels.localized(row.category_name, row.category_name_en)


def bulletin_columns() -> list[Column]:
    return [
        Column(lambda: translate("BulletinTables", "No."), lambda row: str(row.id)),
        Column(lambda: translate("BulletinTables", "Judul"), lambda row: row.title),
        Column(lambda: translate("BulletinTables", "Status"),
               lambda row: labels.bulletin_status(row.status)),
        Column(lambda: translate("BulletinTables", "Item"), lambda row: str(row.item_count)),
        Column(lambda: translate("BulletinTables", "Dibuat"),
               lambda row: format_wita(row.created_at)),
        Column(lambda: translate("BulletinTables", "Terakhir disiarkan"),
               lambda row: format_wita(row.last_read_at)),
    ]


def candidate_columns() -> list[Column]:
    return [
        Column(lambda: translate("BulletinTables", "Tiket"), lambda row: row.ticket),
        Column(lambda: translate("BulletinTables", "Kategori"), _category),
        Column(lambda: translate("BulletinTables", "Tempat"), lambda row: row.place),
        Column(lambda: translate("BulletinTables", "Status"),
               lambda row: labels.complaint_status(row.status)),
        Column(lambda: translate("BulletinTables", "Diubah"),
               lambda row: format_wita(row.updated_at)),
    ]


def item_columns() -> list[Column]:
    tint = lambda row: EDITED_TINT if row.edited else None  # noqa: E731
    return [
        Column(lambda: translate("BulletinTables", "No."), lambda row: str(row.position), tint),
        Column(lambda: translate("BulletinTables", "Tiket"), lambda row: row.ticket, tint),
        Column(lambda: translate("BulletinTables", "Kategori"), _category, tint),
        Column(lambda: translate("BulletinTables", "Tempat"), lambda row: row.place, tint),
        Column(lambda: translate("BulletinTables", "Status"),
               lambda row: labels.complaint_status(row.status), tint),
        Column(lambda: translate("BulletinTables", "Teks bacaan"),
               lambda row: first_line(row.reading_text), tint,
               tooltip=lambda row: (translate("BulletinTables", "Teks diubah penyiar")
                                    if row.edited
                                    else translate("BulletinTables", "Draf dari desk"))),
    ]

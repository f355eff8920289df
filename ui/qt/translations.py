"""Bahasa Indonesia in the source, English as a translation, switchable live.

The strings in the code are Indonesian (`self.tr("Jawab")`); English lives in
resources/translations/safedesk_en.ts, compiled to .qm by the Makefile
(`make translations`). Installing a translator makes Qt send every widget a
LanguageChange event; each panel answers with its own `retranslate()`.
"""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QTranslator

from dispatch import paths

log = logging.getLogger(__name__)
LANGUAGES = ("id", "en")
_state: dict[str, object] = {"language": "id", "translator": None}


def translations_dir() -> Path:
    return paths.resources_dir() / "translations"


def current_language() -> str:
    return str(_state["language"])


def switch_language(language: str) -> bool:
    """Install the translation for `language` ("id" needs none). Returns
    False, keeping Indonesian, when the .qm is missing (not built yet)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    app = QCoreApplication.instance()
    old = _state["translator"]
    if isinstance(old, QTranslator) and app is not None:
        app.removeTranslator(old)
    _state["translator"] = None
    _state["language"] = "id"
    if language == "id":
        QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
        return True
    translator = QTranslator(app)
    qm = translations_dir() / f"safedesk_{language}.qm"
    if not translator.load(str(qm)):
        log.warning("no translation at %s (run `make translations`);"
                    " staying in Bahasa Indonesia", qm)
        return False
    app.installTranslator(translator)
    _state["translator"] = translator
    _state["language"] = language
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    return True


class Retranslates:
    """For a widget whose texts follow the language switch: Qt sends every
    widget a LanguageChange when the translator changes, and the widget's
    `retranslate()` sets its texts again. Put it before the Qt base class."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

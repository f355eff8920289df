"""The studio view: what to read, in print readable from the microphone, and
whether the studio is on air.

The lamp and the fault line follow the relay's own reports (OnAirLink),
not the buttons: a lamp that said ON AIR while the relay was unplugged
would be worse than none.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from ui import labels
from ui.actions import panel_action
from ui.bulletins.snapshots import BulletinDetail, read_bulletin
from ui.qt.translations import Retranslates
from ui.qt.worker import CoalescedRead, DbWorker
from ui.studio.on_air_link import OnAirLink
from ui.widgets.message_line import MessageLine

LAMP_ON = ("#d50000", "#ffffff")  # background, text
LAMP_OFF = ("#9e9e9e", "#f5f5f5")
TEXT_COLOURS = ("#000000", "#ffffff")  # white on black: readable under studio light
DEFAULT_POINT_SIZE, MIN_POINT_SIZE, MAX_POINT_SIZE, ZOOM_STEP = 28, 14, 72, 2


class ReadingView(Retranslates, QWidget):
    def __init__(self, link: OnAirLink, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._link = link
        self._bulletin_id: int | None = None
        self._detail: BulletinDetail | None = None
        self._point_size = DEFAULT_POINT_SIZE
        self._read = CoalescedRead(worker, self._query, self._show_detail)
        self._build()
        self._build_zoom_actions()
        self._countdown_timer = QTimer(self)
        self._countdown_timer.setInterval(250)
        self._countdown_timer.timeout.connect(self._show_countdown)
        link.stateChanged.connect(self._show_state)
        link.message.connect(self._show_message)
        self.retranslate()
        self._apply_point_size()

    def _build(self) -> None:
        def big_label(name: str, points: int, bold: bool = True) -> QLabel:
            label = QLabel(self)
            label.setObjectName(name)
            font = QFont(label.font())
            font.setPointSize(points)
            font.setBold(bold)
            label.setFont(font)
            label.setWordWrap(True)
            return label
        self.title_label = big_label("readingTitle", 18)
        self.lamp = big_label("onAirLamp", 34)
        self.lamp.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lamp.setMinimumSize(320, 96)
        self.lamp_detail = big_label("onAirVerified", 11, bold=False)
        self.countdown = big_label("safetyCountdown", 20)
        self.fault_line = big_label("faultLine", 16)
        self.fault_line.setStyleSheet("color: #ffffff; background: #b71c1c; padding: 6px;")
        self.fault_line.hide()
        self.message = MessageLine(self)
        self.text_view = QTextBrowser(self)
        self.text_view.setObjectName("readingText")
        self.text_view.setOpenLinks(False)
        self.text_view.setStyleSheet(f"QTextBrowser {{ background: {TEXT_COLOURS[0]}; "
                                f"color: {TEXT_COLOURS[1]}; }}")
        self.on_air_button = self._big_button("onAirButton", "#c62828", self.go_on_air)
        self.off_air_button = self._big_button("offAirButton", "#37474f", self.go_off_air)
        lamp_box = QVBoxLayout()
        lamp_box.addWidget(self.lamp)
        lamp_box.addWidget(self.lamp_detail)
        lamp_box.addWidget(self.countdown)
        buttons = QVBoxLayout()
        buttons.addWidget(self.on_air_button)
        buttons.addWidget(self.off_air_button)
        top = QHBoxLayout()
        top.addLayout(lamp_box, 2)
        top.addLayout(buttons, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(top)
        layout.addWidget(self.fault_line)
        layout.addWidget(self.message)
        layout.addWidget(self.text_view, 1)

    def _big_button(self, name: str, colour: str, slot) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setMinimumHeight(72)
        font = QFont(button.font())
        font.setPointSize(22)
        font.setBold(True)
        button.setFont(font)
        button.setStyleSheet(f"QPushButton {{ background: {colour}; color: white; }} "
                             "QPushButton:disabled { background: #bdbdbd; color: #757575; }")
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build_zoom_actions(self) -> None:
        for keys, step in ((["Ctrl++", "Ctrl+="], ZOOM_STEP), (["Ctrl+-"], -ZOOM_STEP)):
            panel_action(self, keys, lambda s=step: self.zoom(s))

    def retranslate(self) -> None:
        self.on_air_button.setText(self.tr("Siaran (On air)"))
        self.on_air_button.setToolTip(self.tr("Kunci relai studio dan catat pembacaan"))
        self.off_air_button.setText(self.tr("Selesai (Off air)"))
        self.off_air_button.setToolTip(self.tr("Lepas relai studio dan tutup catatan pembacaan"))
        self.text_view.setToolTip(self.tr("Ctrl+Plus / Ctrl+Minus: perbesar / perkecil huruf"))
        self._show_detail(self._detail)  # the items' headings name their category

    # ---- public

    def show_bulletin(self, bulletin_id: int | None) -> None:
        if bulletin_id != self._bulletin_id:
            self._bulletin_id, self._detail = bulletin_id, None
            self._show_detail(None)
        self.refresh()

    def refresh(self) -> None:
        if self._bulletin_id is not None:
            self._read.request()
        self._show_state()

    def bulletin_id(self) -> int | None:
        return self._bulletin_id

    def go_on_air(self) -> None:
        if self._bulletin_id is None:
            self.message.show_error(lambda: self.tr("Pilih buletin yang akan dibacakan dulu."))
        elif self._detail is not None and not self._detail.items:
            self.message.show_error(
                lambda: self.tr("Buletin ini kosong: tidak ada yang dibacakan."))
        else:
            self.message.clear_message()
            self._link.start(self._bulletin_id, self._detail.title if self._detail else "")

    def go_off_air(self) -> None:
        self._link.stop()

    def zoom(self, step: int) -> None:
        self._point_size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, self._point_size + step))
        self._apply_point_size()

    def point_size(self) -> int:
        return self._point_size

    def text(self) -> str:
        """What the presenter sees to read, as plain text."""
        return self.text_view.toPlainText()

    def lamp_is_on(self) -> bool:
        return bool(self.lamp.property("lit"))

    def fault_text(self) -> str:
        """The fault line as shown, or "" when it is hidden."""
        return self.fault_line.text() if not self.fault_line.isHidden() else ""

    def is_busy(self) -> bool:
        return self._read.busy or self._link.is_busy()

    # ---- showing

    def _query(self):
        bulletin_id = self._bulletin_id
        return None if bulletin_id is None else (lambda s: read_bulletin(s, bulletin_id))

    def _apply_point_size(self) -> None:
        font = QFont(self.text_view.font())
        font.setPointSize(self._point_size)
        self.text_view.setFont(font)
        self.text_view.document().setDefaultFont(font)

    def _show_detail(self, detail: BulletinDetail | None) -> None:
        if detail is not None and detail.id != self._bulletin_id:
            return  # a read for the bulletin shown before
        self._detail = detail
        parts = []
        for item in detail.items if detail else ():
            category = labels.localized(item.category_name, item.category_name_en)
            heading = escape(f"{item.position}. {item.ticket} · {category}")
            parts.append(f"<p style='color:#ffd54f; font-size:small'>{heading}</p>"
                         f"<p>{escape(item.reading_text)}</p>")
        self.text_view.setHtml("".join(parts))
        self._show_title()
        self._show_state()

    def _show_title(self) -> None:
        if self._detail is None:
            self.title_label.setText(self.tr("Belum ada buletin dipilih")
                                     if self._bulletin_id is None else "")
        else:
            self.title_label.setText(self.tr("Buletin #%1 — %2 (%n item)", "",
                                             len(self._detail.items)).replace(
                "%1", str(self._detail.id)).replace("%2", self._detail.title))

    def _show_message(self, text: str, is_error: bool) -> None:
        (self.message.show_error if is_error else self.message.show_info)(text)

    def _show_state(self) -> None:
        link = self._link
        lit = link.on_air
        background, foreground = LAMP_ON if lit else LAMP_OFF
        self.lamp.setText(self.tr("DI UDARA") if lit else self.tr("TIDAK DI UDARA"))
        self.lamp.setProperty("lit", lit)
        self.lamp.setStyleSheet(f"QLabel {{ background: {background}; color: {foreground}; "
                                "border-radius: 10px; padding: 12px; }")
        if lit:
            self.lamp_detail.setText(
                self.tr("Terverifikasi: relai dibaca balik dari perangkat") if link.verified
                else self.tr("Tanpa verifikasi: perangkat ini tidak bisa dibaca balik"))
        else:
            self.lamp_detail.setText("")
        problem = (self.tr("GANGGUAN RELAI: %1").replace("%1", link.last_fault)
                   if link.last_fault else "")
        if not link.available and not link.is_busy():
            problem = link.unavailable_reason
        self.fault_line.setText(problem)
        self.fault_line.setVisible(bool(problem))
        has_items = self._detail is not None and bool(self._detail.items)
        reading = link.reading_bulletin_id is not None
        self.on_air_button.setEnabled(link.available and link.connected and not lit
                                      and not reading and has_items)
        self.off_air_button.setEnabled(lit or reading)
        if lit and not self._countdown_timer.isActive():
            self._countdown_timer.start()
        elif not lit:
            self._countdown_timer.stop()
        self._show_countdown()

    def _show_countdown(self) -> None:
        left = self._link.seconds_left
        if left is None:
            self.countdown.setText("")
            return
        minutes, seconds = divmod(int(left + 0.999), 60)
        self.countdown.setText(self.tr("Lepas otomatis dalam %1").replace(
            "%1", f"{minutes}:{seconds:02d}"))

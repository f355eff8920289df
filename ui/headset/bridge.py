"""The operator's headset: the call's audio on a Qt Multimedia device.

    pipes = HeadsetPipes()                                   # telephony/audio.py
    engine = SoftphoneEngine(database, config, headset=pipes)
    headset = HeadsetBridge(pipes, settings, parent=window)  # on the GUI thread
    headset.deviceError.connect(window.statusBar().showMessage)
    headset.start()
    ...
    headset.close()                                          # before the app quits

pjmedia's clock thread fills `pipes.earpiece` and drains `pipes.microphone`
every 20 ms; this module owns the other ends. The sound devices live on a
thread of their own ("headset-audio", ui/headset/pump.py), not on the GUI
thread: a window busy repainting the map must not starve the earpiece,
and the GUI must never wait on a sound server (opening a PulseAudio
stream blocks until the server answers). `HeadsetBridge` stays on the GUI
thread: it picks the devices, sends the pump commands through queued
signals, and turns every device failure into one clear message. A
headset that fails or is unplugged never ends the call: its audio moves to
the system default device, or has nowhere to go until a device is back.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtMultimedia import QAudioDevice, QMediaDevices

from dispatch.settings import Settings, declare
from telephony.audio import HeadsetPipes
from ui.calls.softphone_bridge import emit_signal
from ui.headset.pump import EARPIECE, MICROPHONE, AudioPump

log = logging.getLogger(__name__)

OUTPUT_DEVICE = declare("audio.output_device", str, "",
                        "Headset earpiece: the audio output's id or name as the settings "
                        "list shows it; empty means the system default")
INPUT_DEVICE = declare("audio.input_device", str, "",
                       "Headset microphone: the audio input's id or name; empty means "
                       "the system default")
LATENCY_MS = declare("audio.latency_ms", int, 60,
                     "Most audio the headset holds back in each direction, in ms (20-500): "
                     "lower answers faster, higher survives a busy machine")


@dataclass(frozen=True)
class AudioDeviceChoice:
    """One line of the settings list: store `id`, show `description`."""
    id: str
    description: str
    is_default: bool


def device_id(device: QAudioDevice) -> str:
    return bytes(device.id()).decode("utf-8", "replace")


def _choices(devices: list[QAudioDevice]) -> list[AudioDeviceChoice]:
    return [AudioDeviceChoice(device_id(d), d.description(), d.isDefault()) for d in devices]


def list_output_devices() -> list[AudioDeviceChoice]:
    return _choices(QMediaDevices.audioOutputs())


def list_input_devices() -> list[AudioDeviceChoice]:
    return _choices(QMediaDevices.audioInputs())


def find_device(devices: list[QAudioDevice], wanted: str) -> QAudioDevice | None:
    """By id, then by name (exact, then ignoring case). Names are what a
    person types into the settings file; ids are what the settings UI stores."""
    wanted = (wanted or "").strip()
    for matches in (lambda d: device_id(d) == wanted, lambda d: d.description() == wanted,
                    lambda d: d.description().casefold() == wanted.casefold()):
        for device in devices:
            if matches(device):
                return device
    return None


class HeadsetBridge(QObject):
    """The GUI thread's handle on the headset. Create, use and close it on
    the GUI thread; the devices themselves run on the headset-audio thread."""
    deviceError = Signal(str)        # one line for the operator; the call goes on
    deviceOpened = Signal(str, str)  # (earpiece | microphone, device name)
    runningChanged = Signal(bool)

    _startEarpiece = Signal(object, int, int)
    _startMicrophone = Signal(object, int, int)
    _stopEarpiece = Signal()
    _stopMicrophone = Signal()
    _shutdown = Signal()

    def __init__(self, pipes: HeadsetPipes, settings: Settings | None = None, *,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pipes = pipes
        settings = settings or Settings.in_memory()
        self.wanted = {EARPIECE: settings.get(OUTPUT_DEVICE),
                       MICROPHONE: settings.get(INPUT_DEVICE)}
        self.latency_ms = max(20, min(500, settings.get(LATENCY_MS)))
        self.devices: dict[str, QAudioDevice | None] = {EARPIECE: None, MICROPHONE: None}
        self._generation = {EARPIECE: 0, MICROPHONE: 0}
        self._running = False
        self._thread = QThread()
        self._thread.setObjectName("headset-audio")
        self._pump = AudioPump(pipes)
        self._pump.moveToThread(self._thread)
        self._startEarpiece.connect(self._pump.start_earpiece)
        self._startMicrophone.connect(self._pump.start_microphone)
        self._stopEarpiece.connect(self._pump.stop_earpiece)
        self._stopMicrophone.connect(self._pump.stop_microphone)
        # close() must not return while the devices are still open.
        self._shutdown.connect(self._pump.shutdown, Qt.ConnectionType.BlockingQueuedConnection)
        self._pump.opened.connect(self._opened)
        self._pump.failed.connect(self._failed)
        self._thread.finished.connect(self._pump.deleteLater)
        self._thread.start(QThread.Priority.TimeCriticalPriority)
        self._media_devices = QMediaDevices(self)
        self._media_devices.audioOutputsChanged.connect(self._outputs_changed)
        self._media_devices.audioInputsChanged.connect(self._inputs_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Open both devices (asynchronously: watch deviceOpened / deviceError)."""
        if self._running:
            return
        self._running = True
        for direction in (EARPIECE, MICROPHONE):
            self._open(direction, self._resolve(direction), announce_fallback=True)
        emit_signal(self.runningChanged, True)

    def stop(self) -> None:
        if not self._running:
            return
        self._running = False
        for direction in (EARPIECE, MICROPHONE):
            self._close(direction)
        emit_signal(self.runningChanged, False)

    def set_devices(self, *, output: str | None = None, input: str | None = None) -> None:
        """From the settings dialog: ids or names, "" for the system default."""
        for direction, wanted in ((EARPIECE, output), (MICROPHONE, input)):
            if wanted is not None and wanted != self.wanted[direction]:
                self.wanted[direction] = wanted
                if self._running:
                    self._open(direction, self._resolve(direction), announce_fallback=True)

    def close(self) -> None:
        """Stop and end the audio thread; the devices are closed when it
        returns. Idempotent; also runs on QCoreApplication.aboutToQuit."""
        if not self._thread.isRunning():
            return
        self.stop()
        emit_signal(self._shutdown)
        self._thread.quit()
        self._thread.wait(5000)

    # ----------------------------------------------------------- internals

    def _available(self, direction: str) -> list[QAudioDevice]:
        if direction == EARPIECE:
            return QMediaDevices.audioOutputs()
        return QMediaDevices.audioInputs()

    def _listed(self, direction: str, device: QAudioDevice) -> bool:
        return any(device_id(d) == device_id(device) for d in self._available(direction))

    def _resolve(self, direction: str) -> QAudioDevice | None:
        """The device set in settings if it is there, else the system default."""
        wanted = self.wanted[direction]
        found = find_device(self._available(direction), wanted) if wanted else None
        if found is None:
            default = (QMediaDevices.defaultAudioOutput() if direction == EARPIECE
                       else QMediaDevices.defaultAudioInput())
            found = None if default.isNull() else default
        return found

    def _open(self, direction: str, device: QAudioDevice | None, *,
              announce_fallback: bool) -> None:
        if device is None:
            self._close(direction)
            self._report(direction, self.tr("tidak ada perangkat audio yang terhubung; "
                                            "panggilan tetap berlanjut tanpanya"))
            return
        wanted = self.wanted[direction]
        if announce_fallback and wanted and find_device([device], wanted) is None:
            text = self.tr("“{0}” tidak terhubung; memakai “{1}” sebagai gantinya")
            self._report(direction, text.format(wanted, device.description()))
        self.devices[direction] = device
        self._generation[direction] += 1
        start = self._startEarpiece if direction == EARPIECE else self._startMicrophone
        emit_signal(start, device, self._generation[direction], self.latency_ms)

    def _close(self, direction: str) -> None:
        self.devices[direction] = None
        self._generation[direction] += 1  # whatever the pump says next about it is stale
        emit_signal(self._stopEarpiece if direction == EARPIECE else self._stopMicrophone)

    @Slot()
    def _outputs_changed(self) -> None:
        self._follow(EARPIECE)

    @Slot()
    def _inputs_changed(self) -> None:
        self._follow(MICROPHONE)

    def _follow(self, direction: str) -> None:
        """The device list changed: a headset unplugged, or one plugged (back) in."""
        if not self._running:
            return
        current = self.devices[direction]
        if current is not None and not self._listed(direction, current):
            self._lost(direction, current)
            return
        best = self._resolve(direction)
        if best is None or (current is not None and device_id(current) == device_id(best)):
            return
        self._open(direction, best, announce_fallback=False)

    def _lost(self, direction: str, device: QAudioDevice) -> None:
        """One message per unplugged device, whichever notices first: the
        device list or the stream that failed with it."""
        self._close(direction)
        best = self._resolve(direction)
        if best is None:
            self._report(direction, self.tr("“{0}” terputus; tidak ada perangkat audio lain, "
                                            "panggilan tetap berlanjut tanpanya")
                         .format(device.description()))
            return
        self._report(direction, self.tr("“{0}” terputus; sekarang memakai “{1}”")
                     .format(device.description(), best.description()))
        self._open(direction, best, announce_fallback=False)

    @Slot(str, int, str)
    def _opened(self, direction: str, generation: int, name: str) -> None:
        if generation == self._generation[direction]:
            log.info("headset: %s on %s", direction, name)
            emit_signal(self.deviceOpened, direction, name)

    @Slot(str, int, str)
    def _failed(self, direction: str, generation: int, reason: str) -> None:
        device = self.devices[direction]
        if generation != self._generation[direction] or device is None:
            return  # about a device we already left
        if not self._listed(direction, device):
            self._lost(direction, device)
            return
        self._close(direction)
        self._report(direction, self.tr("“{0}” berhenti berfungsi ({1}); panggilan tetap "
                                        "berlanjut tanpanya").format(device.description(), reason))

    def _report(self, direction: str, detail: str) -> None:
        what = (self.tr("Speaker headset") if direction == EARPIECE
                else self.tr("Mikrofon headset"))
        message = f"{what}: {detail}"
        log.warning("headset: %s", message)
        emit_signal(self.deviceError, message)

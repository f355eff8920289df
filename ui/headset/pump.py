"""The headset's sound devices, on their own thread (see ui/headset/bridge.py).

`AudioPump` lives on the "headset-audio" QThread and owns the QAudioSink
(earpiece) and QAudioSource (microphone). It only ever touches the pipes
through their locks, so pjmedia's clock thread on the other side never
waits on a sound device and a sound device never waits on pjmedia.

The earpiece is fed in push mode from a 10 ms timer: it never blocks, and
it lets us look at the backlog first and drop stale audio. The
microphone is drained whenever the device says it has data. Both ask the
device for small periods: PulseAudio's default (1024 frames, 64 ms at
16 kHz) would be delay the operator hears.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtMultimedia import QAudio, QAudioDevice, QAudioFormat, QAudioSink, QAudioSource

from telephony.audio import HeadsetPipes, PcmFormat
from ui.calls.softphone_bridge import emit_signal
from ui.headset.pcm import PcmConverter, PcmLayout

FEED_INTERVAL_MS = 10   # half a pjmedia frame: the earpiece never waits long
PERIOD_MS = 16          # what we ask of the device per transfer (Qt 6.12+)
EARPIECE, MICROPHONE = "earpiece", "microphone"
_SAMPLE_KINDS = {QAudioFormat.SampleFormat.UInt8: "uint8",
                 QAudioFormat.SampleFormat.Int16: "int16",
                 QAudioFormat.SampleFormat.Int32: "int32",
                 QAudioFormat.SampleFormat.Float: "float"}
_FAILURES = (QAudio.Error.OpenError, QAudio.Error.IOError, QAudio.Error.FatalError)


def negotiate(device: QAudioDevice,
              pcm: PcmFormat) -> tuple[QAudioFormat, PcmConverter, PcmConverter]:
    """The format to open `device` with, and converters pipe→device and
    device→pipe. The pipes' own format when the device takes it, so
    usually both converters are the identity."""
    pipe_layout = PcmLayout(pcm.clock_rate, pcm.channels, "int16")
    wanted = QAudioFormat()
    wanted.setSampleRate(pcm.clock_rate)
    wanted.setChannelCount(pcm.channels)
    wanted.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    chosen = wanted if device.isFormatSupported(wanted) else device.preferredFormat()
    if chosen.sampleFormat() not in _SAMPLE_KINDS or chosen.sampleRate() <= 0:
        chosen = wanted  # nothing better to try; the open will say if it fails
    layout = PcmLayout(chosen.sampleRate(), max(1, chosen.channelCount()),
                       _SAMPLE_KINDS[chosen.sampleFormat()])
    return chosen, PcmConverter(pipe_layout, layout), PcmConverter(layout, pipe_layout)


def _even(count: int) -> int:
    return max(0, count) & ~1  # whole 16-bit samples only


def _set_period(device, layout: PcmLayout) -> None:
    """About PERIOD_MS per transfer. Left alone, PulseAudio moves 1024
    frames at a time (64 ms at 16 kHz), all of it added delay."""
    if not hasattr(device, "setNativePeriodFrameCount"):
        return  # Qt before 6.12: the backend decides
    frames = 32  # Qt takes a power of two from 32 to 4096
    while frames * 2 <= min(4096, layout.rate * PERIOD_MS // 1000):
        frames *= 2
    device.setNativePeriodFrameCount(frames)


def _skip_stale(pipe, budget: int) -> None:
    """Twice the budget waiting means the reader fell behind (a stall, or
    two sound cards whose clocks drift apart): drop the oldest audio back to
    the budget rather than stay late for the rest of the call. Between the
    two, ordinary jitter is left alone."""
    if pipe.available() > 2 * budget:
        pipe.read(_even(pipe.available() - budget))


class AudioPump(QObject):
    """Owns the QAudioSink and QAudioSource; lives on the headset-audio thread.
    Commands arrive as queued signals from HeadsetBridge; `generation`
    tags each start, so the bridge can ignore news about a device it left."""
    opened = Signal(str, int, str)   # direction, generation, device name
    failed = Signal(str, int, str)   # direction, generation, reason

    def __init__(self, pipes: HeadsetPipes) -> None:
        super().__init__()
        self.pipes = pipes
        self._sink: QAudioSink | None = None
        self._sink_io = None
        self._to_device: PcmConverter | None = None
        self._source: QAudioSource | None = None
        self._source_io = None
        self._from_device: PcmConverter | None = None
        self._generation = {EARPIECE: 0, MICROPHONE: 0}
        self._budget = 0  # pipe bytes: the delay either pipe may hold (latency_ms)
        self._feed = QTimer(self)
        self._feed.setTimerType(Qt.TimerType.PreciseTimer)
        self._feed.setInterval(FEED_INTERVAL_MS)
        self._feed.timeout.connect(self._feed_earpiece)

    @Slot(object, int, int)
    def start_earpiece(self, device: QAudioDevice, generation: int, latency_ms: int) -> None:
        self.stop_earpiece()
        self._generation[EARPIECE] = generation
        self._budget = self._pipe_bytes(latency_ms)
        audio_format, self._to_device, _ = negotiate(device, self.pipes.format)
        sink = QAudioSink(device, audio_format, self)
        # We keep this buffer full, so its size is the earpiece's delay. It
        # must still hold a few device periods, or the sound server's
        # requests outgrow it and Qt pads them with silence.
        _set_period(sink, self._to_device.target)
        sink.setBufferSize(self._to_device.target.bytes_for_ms(max(latency_ms, 4 * PERIOD_MS)))
        sink.stateChanged.connect(self._earpiece_state)
        self._sink, self._sink_io = sink, sink.start()
        if self._sink_io is None or sink.error() in _FAILURES:
            self._fail(EARPIECE, sink.error().name)
            return
        self.pipes.earpiece.clear()  # what queued while no one listened is old news
        self._feed.start()
        emit_signal(self.opened, EARPIECE, generation, device.description())

    @Slot(object, int, int)
    def start_microphone(self, device: QAudioDevice, generation: int, latency_ms: int) -> None:
        self.stop_microphone()
        self._generation[MICROPHONE] = generation
        self._budget = self._pipe_bytes(latency_ms)
        audio_format, _, self._from_device = negotiate(device, self.pipes.format)
        source = QAudioSource(device, audio_format, self)
        # We drain it as soon as data arrives, so the period is the delay and
        # the buffer only has to be roomy: a period that does not fit is lost.
        _set_period(source, self._from_device.source)
        roomy_ms = max(2 * latency_ms, 8 * PERIOD_MS)
        source.setBufferSize(self._from_device.source.bytes_for_ms(roomy_ms))
        source.stateChanged.connect(self._microphone_state)
        self._source, self._source_io = source, source.start()
        if self._source_io is None or source.error() in _FAILURES:
            self._fail(MICROPHONE, source.error().name)
            return
        self._source_io.readyRead.connect(self._drain_microphone)
        emit_signal(self.opened, MICROPHONE, generation, device.description())

    @Slot()
    def stop_earpiece(self) -> None:
        self._feed.stop()
        sink, self._sink, self._sink_io = self._sink, None, None
        if sink is not None:
            sink.stateChanged.disconnect()
            sink.stop()
            sink.deleteLater()

    @Slot()
    def stop_microphone(self) -> None:
        source, self._source, self._source_io = self._source, None, None
        if source is not None:
            source.stateChanged.disconnect()
            source.stop()
            source.deleteLater()

    @Slot()
    def shutdown(self) -> None:
        self.stop_earpiece()
        self.stop_microphone()

    def _pipe_bytes(self, ms: int) -> int:
        pcm = self.pipes.format
        return _even(pcm.frame_bytes * ms // pcm.frame_ms)

    def _feed_earpiece(self) -> None:
        if self._sink_io is None:
            return
        earpiece = self.pipes.earpiece
        _skip_stale(earpiece, self._budget)
        free = self._sink.bytesFree()
        data = earpiece.read(_even(self._to_device.source_bytes_for(free)))
        if data:
            self._sink_io.write(self._to_device.convert(data))

    def _drain_microphone(self) -> None:
        if self._source_io is None:
            return
        data = bytes(self._source_io.readAll())
        if not data:
            return
        microphone = self.pipes.microphone
        if microphone.available() == 0:
            # pjmedia found the pipe empty (and padded with silence): keep one
            # frame in hand from now on, so device periods that do not line
            # up with pjmedia's 20 ms frames stop making gaps.
            microphone.write(bytes(self.pipes.format.frame_bytes))
        microphone.write(self._from_device.convert(data))
        _skip_stale(microphone, self._budget)

    # Bound slots rather than lambdas: a slot of this object runs on this
    # thread, where the sink and source live.
    @Slot(QAudio.State)
    def _earpiece_state(self, _state) -> None:
        if self._sink is not None and self._sink.error() in _FAILURES:
            self._fail(EARPIECE, self._sink.error().name)

    @Slot(QAudio.State)
    def _microphone_state(self, _state) -> None:
        if self._source is not None and self._source.error() in _FAILURES:
            self._fail(MICROPHONE, self._source.error().name)

    def _fail(self, direction: str, reason: str) -> None:
        if direction == EARPIECE:
            self.stop_earpiece()
        else:
            self.stop_microphone()
        emit_signal(self.failed, direction, self._generation[direction], reason)

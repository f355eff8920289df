"""The seam for the operator's headset: PCM frames in and out of pjsua2.

The pjsua2 wheel has no sound devices, so the engine runs on pjsua's null
device and hands audio to whoever plays it through two byte pipes:

    caller ─RTP▶ call ─▶ HeadsetPort.onFrameReceived ─▶ pipes.earpiece ─▶ headset
    caller ◀RTP─ call ◀─ HeadsetPort.onFrameRequested ◀─ pipes.microphone ◀─ headset

`HeadsetPort` callbacks run every frame on pjmedia's clock thread, not
the SIP thread and not Qt's, so they only move bytes through
`FrameBuffer`s (a lock and a deque, nothing that can block for long).
The headset bridge (Qt Multimedia, written separately) owns the other
ends: it reads `earpiece` into a QAudioSink and writes what a QAudioSource
captures into `microphone`, in `HeadsetPipes.format` (16-bit mono PCM).
Give the engine a `HeadsetPipes` and it connects the call that has the
operator's attention (answered or resumed last, not on hold) to them, and
mixes the operator's side into the recording too.
"""
from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field

BYTES_PER_SAMPLE = 2  # 16-bit signed little-endian, as pjmedia's bridge uses


@dataclass(frozen=True)
class PcmFormat:
    clock_rate: int = 16000
    channels: int = 1
    frame_ms: int = 20

    @property
    def frame_bytes(self) -> int:
        return self.clock_rate * self.frame_ms // 1000 * self.channels * BYTES_PER_SAMPLE


class FrameBuffer:
    """A bounded FIFO of PCM bytes between two threads.

    When the reader falls behind, the oldest audio is dropped: a late
    earpiece is worse than a gap, because the operator talks over the caller.
    Each chunk keeps the time it was written (time.monotonic_ns(), one clock
    for every process of the machine), so the engine link can say how long
    audio took to cross it. A reader on a thread of its own blocks in
    `wait_readable` instead of polling.
    """

    def __init__(self, max_bytes: int) -> None:
        self._chunks: deque[tuple[bytes, int]] = deque()  # (pcm, written at)
        self._size = 0
        self._max = max_bytes
        self._lock = threading.Lock()
        self._readable = threading.Condition(self._lock)
        self.dropped_bytes = 0

    def write(self, data: bytes) -> None:
        if not data:
            return
        with self._lock:
            self._chunks.append((bytes(data), time.monotonic_ns()))
            self._size += len(data)
            while self._size > self._max and self._chunks:
                oldest, _ = self._chunks.popleft()
                self._size -= len(oldest)
                self.dropped_bytes += len(oldest)
            self._readable.notify()

    def read(self, max_bytes: int) -> bytes:
        """Up to max_bytes, possibly fewer (or none) if the writer is slow."""
        return self.read_stamped(max_bytes)[0]

    def read_stamped(self, max_bytes: int) -> tuple[bytes, int]:
        """Like read(), and when the oldest audio it read was written (0 if it
        read nothing, or only what read_all_but() held back)."""
        with self._lock:
            return self._take(max_bytes)

    def read_all_but(self, keep: int) -> tuple[bytes, int]:
        """All but the last `keep` bytes, as read_stamped(). What stays is
        held back on purpose, so it no longer dates the audio read with it."""
        with self._lock:
            taken = self._take(self._size - keep)
            self._chunks = deque((chunk, 0) for chunk, _ in self._chunks)
            return taken

    def _take(self, max_bytes: int) -> tuple[bytes, int]:
        out = bytearray()
        written_at = 0
        while self._chunks and len(out) < max_bytes:
            chunk, stamp = self._chunks.popleft()
            room = max_bytes - len(out)
            if len(chunk) > room:
                self._chunks.appendleft((chunk[room:], stamp))
                chunk = chunk[:room]
            written_at = written_at or stamp
            out += chunk
        self._size -= len(out)
        return bytes(out), written_at

    def wait_readable(self, timeout: float, *, more_than: int = 0) -> bool:
        """Block until more than `more_than` bytes are waiting, `timeout`
        passes, or wake_readers() is called; True if they are there."""
        with self._lock:
            if self._size <= more_than:
                self._readable.wait(timeout)
            return self._size > more_than

    def wake_readers(self) -> None:
        """Let every wait_readable() return now (a reader shutting down)."""
        with self._lock:
            self._readable.notify_all()

    def available(self) -> int:
        with self._lock:
            return self._size

    def clear(self) -> None:
        with self._lock:
            self._chunks.clear()
            self._size = 0


@dataclass
class HeadsetPipes:
    """The two directions of the operator's headset, as byte pipes."""
    format: PcmFormat = field(default_factory=PcmFormat)
    buffer_ms: int = 200
    earpiece: FrameBuffer = field(init=False)    # call → operator
    microphone: FrameBuffer = field(init=False)  # operator → call

    def __post_init__(self) -> None:
        limit = self.format.frame_bytes * max(1, self.buffer_ms // self.format.frame_ms)
        self.earpiece = FrameBuffer(limit)
        self.microphone = FrameBuffer(limit)


def make_headset_port(pipes: HeadsetPipes):
    """A pjsua2 AudioMediaPort bound to `pipes`; create it on the SIP thread."""
    import pjsua2 as pj

    class HeadsetPort(pj.AudioMediaPort):
        def __init__(self) -> None:
            super().__init__()
            self.frames_received = 0

        def onFrameReceived(self, frame) -> None:  # noqa: N802 - pjsua2 callback name
            try:
                if frame.size:
                    self.frames_received += 1
                    pipes.earpiece.write(bytes(frame.buf))
            except Exception:  # noqa: BLE001 - never let an exception into pjmedia's thread
                pass

        def onFrameRequested(self, frame) -> None:  # noqa: N802
            try:
                size = frame.size or pipes.format.frame_bytes
                data = pipes.microphone.read(size)
                frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO
                frame.buf = pj.ByteVector(data + bytes(size - len(data)))
                frame.size = size
            except Exception:  # noqa: BLE001
                pass

    fmt = pj.MediaFormatAudio()
    fmt.init(pj.PJMEDIA_FORMAT_PCM, pipes.format.clock_rate, pipes.format.channels,
             pipes.format.frame_ms * 1000, BYTES_PER_SAMPLE * 8)
    port = HeadsetPort()
    port.createPort("headset", fmt)
    return port

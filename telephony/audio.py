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
    """

    def __init__(self, max_bytes: int) -> None:
        self._chunks: deque[bytes] = deque()
        self._size = 0
        self._max = max_bytes
        self._lock = threading.Lock()
        self.dropped_bytes = 0

    def write(self, data: bytes) -> None:
        if not data:
            return
        with self._lock:
            self._chunks.append(bytes(data))
            self._size += len(data)
            while self._size > self._max and self._chunks:
                oldest = self._chunks.popleft()
                self._size -= len(oldest)
                self.dropped_bytes += len(oldest)

    def read(self, max_bytes: int) -> bytes:
        """Up to max_bytes, possibly fewer (or none) if the writer is slow."""
        out = bytearray()
        with self._lock:
            while self._chunks and len(out) < max_bytes:
                chunk = self._chunks.popleft()
                room = max_bytes - len(out)
                if len(chunk) > room:
                    self._chunks.appendleft(chunk[room:])
                    chunk = chunk[:room]
                out += chunk
            self._size -= len(out)
        return bytes(out)

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

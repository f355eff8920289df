"""The operator's headset across the link, both ends.

pjmedia's clock thread fills the engine's earpiece pipe and drains its
microphone pipe every 20 ms; the headset (ui/headset/bridge.py) plays and records
in the window's process, on pipes of its own. Between them:

    engine earpiece pipe ─HeadsetRelay.run─▶ E frames ─▶ window earpiece pipe
    window microphone pipe ─MicrophoneForwarder─▶ M frames ─▶ HeadsetRelay.receive
                                                          ─▶ engine microphone pipe

Each side blocks on its pipe's condition variable (FrameBuffer.wait_readable)
and sends what it finds at once, stamped with when it entered the pipe, so
the receiver can log how long it took (LatencyLog). Audio is never queued
behind events: it goes straight to the socket.
"""
from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from telephony.audio import BYTES_PER_SAMPLE, HeadsetPipes
from telephony.link.wire import EARPIECE, MICROPHONE, pack_audio

WAKE_S = 0.5  # how often a waiting relay thread looks up to see if it should stop


class LatencyLog:
    """The last few thousand one-way delays through the link."""

    def __init__(self, keep: int = 3000) -> None:
        self._delays_ns: deque[int] = deque(maxlen=keep)

    def add(self, written_ns: int) -> None:
        if written_ns:  # 0: only a sample held back from the frame before
            self._delays_ns.append(time.monotonic_ns() - written_ns)

    def summary(self) -> dict:
        """{"frames", "p50", "p95", "p99", "max"}, in milliseconds."""
        delays = sorted(self._delays_ns)
        if not delays:
            return {"frames": 0}

        def at(share: float) -> float:
            return round(delays[min(len(delays) - 1, int(share * len(delays)))] / 1e6, 3)
        return {"frames": len(delays), "p50": at(0.50), "p95": at(0.95), "p99": at(0.99),
                "max": round(delays[-1] / 1e6, 3)}


class HeadsetRelay:
    """The engine's headset pipes, lent to the window that connected last
    and asked for them; when it goes, to the one before it."""

    def __init__(self, pipes: HeadsetPipes) -> None:
        self.pipes = pipes
        self.latency = LatencyLog()  # microphone frames, window pipe → engine pipe
        self._holders: tuple[Any, ...] = ()  # sessions, most recent last
        self._changed = threading.Condition()
        self._closed = False
        self._silence = bytes(pipes.format.frame_bytes)

    def take(self, session: Any) -> None:
        with self._changed:
            self._holders = (*(s for s in self._holders if s is not session), session)
            self._fresh_start()
            self._changed.notify_all()

    def leave(self, session: Any) -> None:
        with self._changed:
            if session not in self._holders:
                return
            was_holder = self._holders[-1] is session
            self._holders = tuple(s for s in self._holders if s is not session)
            if was_holder:
                self._fresh_start()
            self._changed.notify_all()

    def holder_pid(self) -> int | None:
        holders = self._holders
        return holders[-1].pid if holders else None

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()
        self.pipes.earpiece.wake_readers()

    def _fresh_start(self) -> None:
        # Audio queued for the last holder is old news to the next one.
        self.pipes.earpiece.clear()
        self.pipes.microphone.clear()

    # ---- engine → window: the earpiece, on a thread of its own

    def run(self) -> None:
        earpiece = self.pipes.earpiece
        while True:
            with self._changed:
                while not self._holders and not self._closed:
                    self._changed.wait()
                if self._closed:
                    return
                holder = self._holders[-1]
            if not earpiece.wait_readable(WAKE_S):
                continue
            pcm, written_ns = earpiece.read_stamped(earpiece.available())
            holders = self._holders
            if not pcm or not holders or holders[-1] is not holder:
                continue
            try:
                holder.send_now(pack_audio(EARPIECE, written_ns, pcm))
            except (OSError, ValueError):
                holder.end()

    # ---- window → engine: the microphone, on the holder's reader thread

    def receive(self, session: Any, written_ns: int, pcm) -> None:
        holders = self._holders
        if not holders or holders[-1] is not session:
            return  # a window that no longer has the headset
        microphone = self.pipes.microphone
        if microphone.available() == 0:
            # pjmedia found the pipe empty (and padded with silence): keep one
            # frame in hand from now on, so frames arriving a little late do
            # not make gaps (what ui/headset/pump did when the pipe was local).
            microphone.write(self._silence)
        microphone.write(pcm)
        self.latency.add(written_ns)
        budget = _even(self.pipes.format.frame_bytes * session.latency_ms
                       // self.pipes.format.frame_ms)
        if microphone.available() > 2 * budget:  # the window stalled: catch up
            microphone.read(_even(microphone.available() - budget))


class MicrophoneForwarder:
    """The window's side: what the headset writes into the microphone pipe,
    sent to the engine as soon as it is there.

    One sample stays behind in the pipe: ui/headset/pump primes an *empty*
    microphone pipe with a frame of silence (that is where pjmedia read, in
    one process), and the engine's HeadsetRelay now does that next to
    pjmedia; a sample left here keeps the pump from adding its own. That
    sample leaves with the next chunk; it delays no audio (the engine keeps
    a frame in hand) and is not counted in the latency log."""

    def __init__(self, pipes: HeadsetPipes, send: Callable[[bytes], bool]) -> None:
        self.pipes = pipes
        self._send = send  # False while there is no link
        self._linked = threading.Event()
        self._closed = False

    def linked(self, up: bool) -> None:
        if up:
            self.pipes.microphone.clear()  # what was said while unlinked is gone
            self._linked.set()
        else:
            self._linked.clear()
            self.pipes.microphone.wake_readers()

    def close(self) -> None:
        self._closed = True
        self._linked.set()
        self.pipes.microphone.wake_readers()

    def run(self) -> None:
        microphone = self.pipes.microphone
        while not self._closed:
            if not self._linked.wait(WAKE_S) or self._closed:
                continue
            if not microphone.wait_readable(WAKE_S, more_than=BYTES_PER_SAMPLE):
                continue
            pcm, written_ns = microphone.read_all_but(BYTES_PER_SAMPLE)
            if pcm:
                self._send(pack_audio(MICROPHONE, written_ns, pcm))


def _even(count: int) -> int:
    return max(0, count - count % BYTES_PER_SAMPLE)

"""The window's handle on the engine process: `EngineClient` looks like the
engine to the UI (add_listener, answer/hangup/hold/resume/call_back/
active_calls returning Futures, `running`), so ui/calls/softphone_bridge.py and
the Calls panel need not know the engine lives in another process.

    client = EngineClient(place, actor="ayu", headset=pipes)
    client.connect(timeout=5)            # EngineUnavailable if no engine answers
    client.keep_connected(restart=launcher.restart_if_gone)
    bridge = SoftphoneBridge(client)

Listeners are called on the link's reader thread, in the engine's order,
and must return at once, as with the engine itself. The link may drop
(engine crashed, stopped, restarted): the listeners then hear a STOPPED,
commands fail with EngineUnavailable until it is back, and on reconnect a
STARTED and the live calls the engine still holds (ANSWERED, HELD, DIALING,
detail "resync"; ringing calls are in the database with their real ring
time). Imports no pjsua2 and no Qt.
"""
from __future__ import annotations

import itertools
import logging
import os
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from multiprocessing.connection import Client
from typing import Any

from dispatch.timeutil import utcnow
from telephony.audio import HeadsetPipes
from telephony.events import CallEvent, EventKind
from telephony.link.place import EnginePlace
from telephony.link.relay import LatencyLog, MicrophoneForwarder
from telephony.link.wire import (
    COMMAND,
    EARPIECE,
    EVENT,
    HELLO,
    MAX_FRAME_BYTES,
    PROTOCOL,
    REPLY,
    EngineUnavailable,
    error_from_plain,
    event_from_plain,
    pack_json,
    resync_events,
    unpack_audio,
    unpack_json,
)

log = logging.getLogger(__name__)
Listener = Callable[[CallEvent], None]
LinkListener = Callable[[bool, str], None]  # (connected, one line)
RETRY_S = 0.1  # between attempts while connect() waits for an engine to come up


class _Link:
    """One connection: commands leave through a writer thread (the GUI thread
    never waits on a socket); audio is sent directly by its own thread."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.send_lock = threading.Lock()
        self.closed = False
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=self._write, name="engine-link-out", daemon=True).start()

    def queue(self, frame: bytes | None) -> None:
        self._outbox.put(frame)

    def send_now(self, frame: bytes) -> bool:
        try:
            with self.send_lock:
                self.connection.send_bytes(frame)
            return True
        except (OSError, ValueError):
            return False

    def close(self) -> None:
        self.closed = True
        self._outbox.put(None)
        try:
            self.connection.close()
        except OSError:
            pass

    def _write(self) -> None:
        while True:
            frame = self._outbox.get()
            if frame is None or not self.send_now(frame):
                return


class EngineClient:
    def __init__(self, place: EnginePlace | None = None, *, actor: str | None = None,
                 headset: HeadsetPipes | None = None, latency_ms: int = 60,
                 role: str = "window") -> None:
        self.place = place or EnginePlace.current()
        self.actor = actor
        self.headset = headset
        self.latency_ms = latency_ms
        self.role = role
        self.hello: dict | None = None
        self.earpiece_latency = LatencyLog()  # engine pipe → this process's pipe
        self._listeners: list[Listener] = []
        self._link_listeners: list[LinkListener] = []
        self._lock = threading.Lock()
        self._link: _Link | None = None
        self._pending: dict[int, Future] = {}
        self._ids = itertools.count(1)
        self._accepting = False
        self._closed = threading.Event()
        self._lost = threading.Event()  # wakes the keeper thread
        self._forwarder = None
        if headset is not None:
            self._forwarder = MicrophoneForwarder(headset, self._send_audio)
            threading.Thread(target=self._forwarder.run, name="engine-link-microphone",
                             daemon=True).start()

    # ---- what the UI uses (the engine's interface)

    @property
    def running(self) -> bool:
        return self._link is not None and self._accepting

    @property
    def connected(self) -> bool:
        return self._link is not None

    def describe(self) -> dict:
        """The engine's facts from the last hello ({} before the first)."""
        hello = self.hello or {}
        return {**hello.get("facts", {}), **hello.get("engine", {}), "pid": hello.get("pid")}

    def add_listener(self, listener: Listener) -> Callable[[], None]:
        return self._add(self._listeners, listener)

    def add_link_listener(self, listener: LinkListener) -> Callable[[], None]:
        """`listener(connected, line)` on the link's threads, when it comes and goes."""
        return self._add(self._link_listeners, listener)

    def answer(self, sip_call_id: str, *, operator_id: int | None = None) -> Future:
        return self._command("answer", sip_call_id=sip_call_id, operator_id=operator_id)

    def hangup(self, sip_call_id: str) -> Future:
        return self._command("hangup", sip_call_id=sip_call_id)

    def hold(self, sip_call_id: str) -> Future:
        return self._command("hold", sip_call_id=sip_call_id)

    def resume(self, sip_call_id: str) -> Future:
        return self._command("resume", sip_call_id=sip_call_id)

    def call_back(self, call_id: int, *, actor: str | None = None) -> Future:
        return self._command("call_back", call_id=call_id, actor=actor or self.actor)

    def active_calls(self) -> Future:
        return self._command("active_calls")

    def status(self) -> Future:
        """The engine's facts and the link's (windows, headset, latency)."""
        return self._command("status")

    def stop_engine(self) -> Future:
        """Ask the engine to stop as on SIGTERM (calls hung up, rows finished)."""
        return self._command("stop")

    # ---- life of the link

    def connect(self, timeout: float = 5.0, *,
                give_up: Callable[[], bool] | None = None) -> dict:
        """Connect (retrying until `timeout`, or until `give_up()` says so)
        and return the engine's hello. Raises EngineUnavailable."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                connection, hello = self._open(max(0.5, deadline - time.monotonic()))
            except EngineUnavailable:
                if (self._closed.is_set() or time.monotonic() >= deadline
                        or (give_up is not None and give_up())):
                    raise
                self._closed.wait(RETRY_S)
                continue
            self._adopt(connection, hello)
            return hello

    def keep_connected(self, *, restart: Callable[[], None] | None = None,
                       interval_s: float = 1.0) -> None:
        """From now on, reconnect every `interval_s` after the link drops;
        `restart()` is called while no engine holds the data directory."""
        if self._link is None:
            self._lost.set()
        threading.Thread(target=self._keep, args=(restart, interval_s),
                         name="engine-link-keeper", daemon=True).start()

    def close(self) -> None:
        """Drop the link; the engine runs on."""
        self._closed.set()
        self._lost.set()
        if self._forwarder is not None:
            self._forwarder.close()
        link, self._link = self._link, None
        if link is not None:
            link.close()
        self._fail_pending(lambda: EngineUnavailable("the window closed its link to the engine",
                                                     code="engine.link_closed"))

    # ---- internals

    def _add(self, listeners: list, listener: Callable) -> Callable[[], None]:
        with self._lock:
            listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in listeners:
                    listeners.remove(listener)
        return remove

    def _open(self, timeout: float) -> tuple[Any, dict]:
        facts = self.place.read_facts()
        if not facts or "authkey" not in facts:
            raise EngineUnavailable(self.place.nothing_running(), code="engine.not_running")
        outcome: dict[str, Any] = {}
        decided = threading.Lock()  # the attempt's result, or the caller giving up on it

        def attempt() -> None:  # on a thread: a hung engine must not hang the caller
            connection = None
            try:
                connection = Client(facts["address"], facts.get("family"),
                                    authkey=bytes.fromhex(facts["authkey"]))
                connection.send_bytes(pack_json(HELLO, {
                    "protocol": PROTOCOL, "role": self.role, "pid": os.getpid(),
                    "headset": self.headset is not None, "latency_ms": self.latency_ms}))
                if not connection.poll(timeout):
                    raise EngineUnavailable("the engine did not say hello", code="engine.no_hello")
                frame = connection.recv_bytes(MAX_FRAME_BYTES)
                if frame[:1] != HELLO:
                    raise EngineUnavailable("the engine did not say hello", code="engine.no_hello")
                hello = unpack_json(frame)
                with decided:
                    if "abandoned" in outcome:
                        connection.close()
                    else:
                        outcome["result"] = connection, hello
            except BaseException as exc:  # noqa: BLE001 - reported below
                outcome["error"] = exc
                if connection is not None:
                    connection.close()

        thread = threading.Thread(target=attempt, name="engine-link-connect", daemon=True)
        thread.start()
        thread.join(timeout + 0.5)
        with decided:
            if "result" not in outcome:
                outcome["abandoned"] = True
        if "result" not in outcome:
            error = outcome.get("error")
            if isinstance(error, EngineUnavailable):
                raise error
            reason = f": {error}" if error is not None else " in time"
            raise EngineUnavailable(f"no engine answered for {self.place.data_dir}{reason}",
                                    code="engine.no_answer")
        connection, hello = outcome["result"]
        if hello.get("protocol") != PROTOCOL:
            connection.close()
            raise EngineUnavailable(f"the engine speaks link protocol {hello.get('protocol')}, "
                                    f"this window {PROTOCOL}: restart it",
                                    code="engine.other_protocol",
                                    engine=hello.get("protocol"), window=PROTOCOL)
        return connection, hello

    def _adopt(self, connection, hello: dict) -> None:
        link = _Link(connection)
        engine = hello.get("engine") or {}
        with self._lock:
            self._link, self.hello = link, hello
            self._accepting = bool(engine.get("accepting", True))
        # What the listeners missed, before anything the reader brings.
        if self._accepting:
            self._deliver(CallEvent(EventKind.STARTED, utcnow(), detail=(
                f"{engine.get('transport', '')} {engine.get('listen', '')}").strip()))
        for event in resync_events(hello.get("active_calls") or []):
            self._deliver(event)
        if self._forwarder is not None:
            self._check_headset_format(hello.get("headset") or {})
            self._forwarder.linked(True)
        self._tell_link(True, f"engine pid {hello.get('pid')}: {engine.get('transport')} "
                              f"{engine.get('listen')}")
        threading.Thread(target=self._read, args=(link,), name="engine-link-in",
                         daemon=True).start()

    def _check_headset_format(self, theirs: dict) -> None:
        ours = self.headset.format
        if theirs and (theirs.get("clock_rate"), theirs.get("channels")) != (ours.clock_rate,
                                                                             ours.channels):
            log.error("engine link: the engine's headset PCM is %s, this window's %s: the "
                      "audio would be garbled", theirs, ours)

    def _read(self, link: _Link) -> None:
        earpiece = self.headset.earpiece if self.headset is not None else None
        reason = "the engine closed the link"
        try:
            while True:
                frame = link.connection.recv_bytes(MAX_FRAME_BYTES)
                tag = frame[:1]
                if tag == EARPIECE:
                    if earpiece is not None:
                        written_ns, pcm = unpack_audio(frame)
                        earpiece.write(pcm)
                        self.earpiece_latency.add(written_ns)
                elif tag == EVENT:
                    self._receive_event(unpack_json(frame))
                elif tag == REPLY:
                    self._settle(unpack_json(frame))
        except (EOFError, OSError) as exc:
            reason = str(exc) or reason
        except Exception as exc:  # noqa: BLE001 - a frame we cannot read ends the link
            if not link.closed:  # else: closed under recv_bytes() by close()
                log.exception("engine link: unreadable frame")
                reason = f"unreadable frame: {exc}"
        self._lose(link, reason)

    def _receive_event(self, data: dict) -> None:
        try:
            event = event_from_plain(data)
        except (TypeError, ValueError) as exc:
            log.warning("engine link: skipped an event this window cannot read: %s", exc)
            return
        if event.kind is EventKind.STARTED:
            self._accepting = True
        elif event.kind is EventKind.STOPPED:
            self._accepting = False
        self._deliver(event)

    def _deliver(self, event: CallEvent) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:  # noqa: BLE001 - as the engine does: log and go on
                log.exception("engine link: a listener failed on %s", event.kind)

    def _settle(self, reply: dict) -> None:
        with self._lock:
            future = self._pending.pop(reply.get("id"), None)
        if future is None:
            return
        if reply.get("ok"):
            future.set_result(reply.get("result"))
        else:
            future.set_exception(error_from_plain(reply))

    def _command(self, name: str, **args: Any) -> Future:
        future: Future = Future()
        request = next(self._ids)
        with self._lock:  # with _lose(): registered before the link goes, or refused
            link = self._link
            if link is not None:
                self._pending[request] = future
        if link is None:
            future.set_exception(EngineUnavailable("the phone engine is not connected",
                                                    code="engine.not_connected"))
            return future
        link.queue(pack_json(COMMAND, {"id": request, "name": name, "args": args}))
        return future

    def _send_audio(self, frame: bytes) -> bool:
        link = self._link
        return link is not None and link.send_now(frame)

    def _lose(self, link: _Link, reason: str) -> None:
        with self._lock:
            if self._link is not link:
                return
            self._link = None
            was_accepting, self._accepting = self._accepting, False
        link.close()
        if self._forwarder is not None:
            self._forwarder.linked(False)
        self._fail_pending(lambda: EngineUnavailable("the link to the phone engine was lost",
                                                     code="engine.link_lost"))
        if self._closed.is_set():
            return
        log.warning("engine link lost: %s", reason)
        if was_accepting:
            self._deliver(CallEvent(EventKind.STOPPED, utcnow(), detail="link lost"))
        self._tell_link(False, reason)
        self._lost.set()

    def _fail_pending(self, error: Callable[[], EngineUnavailable]) -> None:
        """Each command still waiting gets its own `error()`."""
        with self._lock:
            pending, self._pending = self._pending, {}
        for future in pending.values():
            if not future.done():
                future.set_exception(error())

    def _tell_link(self, connected: bool, line: str) -> None:
        with self._lock:
            listeners = list(self._link_listeners)
        for listener in listeners:
            try:
                listener(connected, line)
            except Exception:  # noqa: BLE001
                log.exception("engine link: a link listener failed")

    def _keep(self, restart: Callable[[], None] | None, interval_s: float) -> None:
        while not self._closed.is_set():
            self._lost.wait()
            self._lost.clear()
            while not self._closed.is_set() and self._link is None:
                try:
                    self.connect(timeout=0)
                    break
                except EngineUnavailable:
                    if restart is not None and not self.place.engine_running():
                        try:
                            restart()
                        except Exception:  # noqa: BLE001 - tried again in a second
                            log.exception("engine link: restarting the engine failed")
                self._closed.wait(interval_s)

"""The engine's side of the link: `safedesk serve` serves windows with it.

The window's Python must not compete with the SIP thread for a GIL, so the
engine runs in a process of its own and windows talk to it over a local
connection (multiprocessing.connection, authkey handshake, frames of
telephony/link/wire.py). Any number of windows; the headset's audio goes to
and from the one that connected last and asked for it.

These threads share the engine's GIL with the SIP thread, so each does
little per message and blocks between messages:

    engine listener   one SimpleQueue.put per event, on the engine's thread
    link-events       serialises each event once, queues it to every window
    link-accept       accepts connections
    link-N            per window: handshake, hello, then writes its queue
    link-N-in         per window: reads commands and microphone frames
    link-earpiece     waits on the earpiece pipe, sends it to the headset window
"""
from __future__ import annotations

import logging
import os
import queue
import secrets
import threading
from collections.abc import Callable
from concurrent.futures import Future
from multiprocessing.connection import Client, Listener, answer_challenge, deliver_challenge
from typing import Any

from dispatch.errors import InvalidInput
from telephony.audio import HeadsetPipes
from telephony.link.place import EnginePlace, printable_address
from telephony.link.relay import HeadsetRelay
from telephony.link.wire import (
    COMMAND,
    EVENT,
    HELLO,
    MAX_FRAME_BYTES,
    MICROPHONE,
    PROTOCOL,
    REPLY,
    error_to_plain,
    event_to_plain,
    pack_json,
    unpack_audio,
    unpack_json,
)

log = logging.getLogger("safedesk.serve.link")
HANDSHAKE_TIMEOUT_S = 5.0
SNAPSHOT_TIMEOUT_S = 5.0
MAX_QUEUED_FRAMES = 20000  # a window this far behind is not reading: drop it


class LinkServer:
    def __init__(self, engine: Any, place: EnginePlace, *, headset: HeadsetPipes,
                 facts: dict, on_stop_request: Callable[[], None]) -> None:
        self.engine = engine
        self.place = place
        self.pipes = headset
        self.facts = facts  # engine.json's content, minus the authkey
        self.on_stop_request = on_stop_request
        self._authkey = secrets.token_bytes(32)
        self._listener: Listener | None = None
        self._events: queue.SimpleQueue = queue.SimpleQueue()
        self._sessions: tuple[Session, ...] = ()  # replaced, never mutated: read without a lock
        self._sessions_lock = threading.Lock()
        self._closed = False
        self._numbers = 0
        self._remove_listener: Callable[[], None] | None = None
        self.headset = HeadsetRelay(headset)
        self._fan_out_thread = threading.Thread(target=self._fan_out, name="link-events",
                                                daemon=True)

    # ---- life

    def start(self) -> None:
        """Listen, write engine.json, and start forwarding events and audio."""
        if self.place.family == "AF_UNIX" and not self.place.address.startswith("\0"):
            try:  # a socket file a killed engine left; the lock says it is ours
                os.unlink(self.place.address)
            except FileNotFoundError:
                pass
        self._listener = Listener(self.place.address, self.place.family, backlog=16)
        self.place.write_facts({**self.facts, "address": self.place.address,
                                "family": self.place.family, "authkey": self._authkey.hex()})
        self._remove_listener = self.engine.add_listener(self._events.put)
        self._fan_out_thread.start()
        for target, name in ((self._accept_loop, "link-accept"),
                             (self.headset.run, "link-earpiece")):
            threading.Thread(target=target, name=name, daemon=True).start()
        log.info("engine link on %s for %s", printable_address(self.place.address),
                 self.place.data_dir)

    def close(self, timeout: float = 3.0) -> None:
        """After the engine stopped: send what is queued (STOPPED among it),
        then hang up on every window and stop listening."""
        if self._closed or self._listener is None:
            return
        self._closed = True
        if self._remove_listener is not None:
            self._remove_listener()
        self._events.put(None)
        self.headset.close()
        self._fan_out_thread.join(timeout)  # every event is in a window's queue now
        for session in self._sessions:
            session.finish()
        for session in self._sessions:
            session.join(timeout)
        self._wake_accept()
        self._listener.close()
        self.place.remove_facts(os.getpid())

    def _wake_accept(self) -> None:
        try:  # accept() does not return on close(): a connection wakes it
            Client(self.place.address, self.place.family).close()
        except OSError:
            pass

    # ---- threads

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                connection = self._listener.accept()
            except OSError:
                if self._closed:
                    return
                log.exception("engine link: accept failed")
                continue
            if self._closed:
                connection.close()
                return
            self._numbers += 1
            Session(self, connection, self._numbers).start()

    def _fan_out(self) -> None:
        while True:
            event = self._events.get()
            if event is None:
                return
            frame = pack_json(EVENT, event_to_plain(event))
            for session in self._sessions:
                session.queue_frame(frame)

    # ---- sessions

    def authenticate(self, connection) -> None:
        deliver_challenge(connection, self._authkey)
        answer_challenge(connection, self._authkey)

    def subscribe(self, session: Session) -> None:
        with self._sessions_lock:
            self._sessions = (*self._sessions, session)

    def unsubscribe(self, session: Session) -> None:
        with self._sessions_lock:
            self._sessions = tuple(s for s in self._sessions if s is not session)
        self.headset.leave(session)

    def hello(self) -> dict:
        calls: list = []
        if self.engine.running:
            try:
                calls = self.engine.active_calls().result(SNAPSHOT_TIMEOUT_S)
            except Exception as exc:  # noqa: BLE001 - the hello goes out without them
                log.warning("engine link: no list of live calls for the hello: %s", exc)
        fmt = self.pipes.format
        return {"protocol": PROTOCOL, "pid": os.getpid(), "engine": self.engine.describe(),
                "facts": self.facts, "active_calls": calls,
                "headset": {"clock_rate": fmt.clock_rate, "channels": fmt.channels,
                            "frame_ms": fmt.frame_ms}}

    def status(self) -> dict:
        sessions = self._sessions
        return {**self.facts, "engine": self.engine.describe(), "pid": os.getpid(),
                "address": printable_address(self.place.address),
                "windows": sum(1 for s in sessions if s.role == "window"),
                "clients": len(sessions),
                "headset_window_pid": self.headset.holder_pid(),
                "microphone_latency_ms": self.headset.latency.summary()}

    def run_command(self, name: str, args: dict) -> Future:
        engine = self.engine
        commands: dict[str, Callable[[], Any]] = {
            "answer": lambda: engine.answer(str(args["sip_call_id"]),
                                            operator_id=args.get("operator_id")),
            "hangup": lambda: engine.hangup(str(args["sip_call_id"])),
            "hold": lambda: engine.hold(str(args["sip_call_id"])),
            "resume": lambda: engine.resume(str(args["sip_call_id"])),
            "call_back": lambda: engine.call_back(int(args["call_id"]), actor=args.get("actor")),
            "active_calls": engine.active_calls,
            "status": lambda: _done(self.status()),
            "stop": self._stop_requested,
        }
        command = commands.get(name)
        if command is None:
            return _failed(InvalidInput(f"unknown engine command {name!r}",
                                         code="engine.unknown_command", name=name))
        try:
            return command()
        except (KeyError, TypeError, ValueError) as exc:
            return _failed(InvalidInput(f"bad arguments for {name}: {exc}",
                                         code="engine.bad_arguments", name=name))

    def _stop_requested(self) -> Future:
        log.info("engine link: asked to stop")
        self.on_stop_request()
        return _done(None)


class Session:
    """One connected window (or `safedesk engine` command)."""

    def __init__(self, server: LinkServer, connection, number: int) -> None:
        self.server = server
        self.connection = connection
        self.number = number
        self.role = "?"
        self.pid = 0
        self.latency_ms = 60
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        self._send_lock = threading.Lock()
        self._finished = threading.Event()
        self._gone_lock = threading.Lock()
        self._gone_said = False
        self._writer = threading.Thread(target=self._run, name=f"link-{number}", daemon=True)

    def start(self) -> None:
        self._writer.start()

    def join(self, timeout: float) -> None:
        self._writer.join(timeout)

    def queue_frame(self, frame: bytes | tuple[Any, Future]) -> None:
        if self._outbox.qsize() > MAX_QUEUED_FRAMES:
            log.warning("engine link: client %d (pid %d) stopped reading; dropping it",
                        self.number, self.pid)
            self.end()
            return
        self._outbox.put(frame)

    def send_now(self, frame: bytes) -> None:
        """From another thread (the earpiece's): straight to the socket."""
        with self._send_lock:
            self.connection.send_bytes(frame)

    def finish(self) -> None:
        """Send what is queued, then close (the server is shutting down)."""
        self._outbox.put(None)

    def end(self) -> None:
        """The window went away or misbehaved: forget it at once."""
        if self._finished.is_set():
            return
        self._finished.set()
        self.server.unsubscribe(self)
        self._outbox.put(None)
        try:
            self.connection.close()
        except OSError:
            pass

    # ---- the writer thread: handshake, hello, then the queue

    def _run(self) -> None:
        try:
            if not self._greet():
                return
            while True:
                frame = self._outbox.get()
                if frame is None or self._finished.is_set():
                    break
                if isinstance(frame, tuple):
                    frame = _reply_frame(*frame)
                self.send_now(frame)
        except (OSError, EOFError, ValueError) as exc:
            self._say_gone(str(exc))  # a window killed while we were sending to it
        finally:
            self.end()

    def _greet(self) -> bool:
        connection = self.connection
        try:
            self.server.authenticate(connection)
            if not connection.poll(HANDSHAKE_TIMEOUT_S):
                return False
            frame = connection.recv_bytes(MAX_FRAME_BYTES)
            if frame[:1] != HELLO:
                return False
            hello = unpack_json(frame)
        except Exception as exc:  # noqa: BLE001 - a stranger, or a client that gave up
            log.info("engine link: a connection failed its handshake: %s", exc)
            return False
        self.role = str(hello.get("role", "window"))
        self.pid = int(hello.get("pid") or 0)
        self.latency_ms = int(hello.get("latency_ms") or 60)
        # Subscribed before the list of live calls is taken: an event in
        # between is in both, never in neither.
        self.server.subscribe(self)
        self.send_now(pack_json(HELLO, self.server.hello()))
        threading.Thread(target=self._read, name=f"link-{self.number}-in", daemon=True).start()
        if hello.get("headset"):
            self.server.headset.take(self)
        log.info("engine link: %s pid %d connected (client %d%s)", self.role, self.pid,
                 self.number, ", headset" if hello.get("headset") else "")
        return True

    # ---- the reader thread: commands and microphone frames

    def _read(self) -> None:
        connection = self.connection
        headset = self.server.headset
        try:
            while True:
                frame = connection.recv_bytes(MAX_FRAME_BYTES)
                tag = frame[:1]
                if tag == MICROPHONE:
                    headset.receive(self, *unpack_audio(frame))
                elif tag == COMMAND:
                    self._command(unpack_json(frame))
        except (OSError, EOFError):
            pass
        except (TypeError, ValueError) as exc:
            if not self._finished.is_set():  # else: closed under recv_bytes() by end()
                log.warning("engine link: client %d sent a bad frame: %s", self.number, exc)
        self._say_gone(None)
        self.end()

    def _say_gone(self, why: str | None) -> None:
        """One line for a window that went away, whichever of its two
        threads noticed first (the reader at end of stream, the writer on a
        broken pipe); none when the engine itself ended the link."""
        with self._gone_lock:
            if self._finished.is_set() or self._gone_said:
                return
            self._gone_said = True
        log.info("engine link: %s pid %d disconnected (client %d%s)", self.role, self.pid,
                 self.number, f": {why}" if why else "")

    def _command(self, message: dict) -> None:
        request = message.get("id")
        args = message.get("args") or {}
        future = self.server.run_command(str(message.get("name")),
                                         args if isinstance(args, dict) else {})

        # Often completed on the SIP thread: only a put there; the writer
        # thread serialises the reply.
        future.add_done_callback(lambda done: self.queue_frame((request, done)))


def _reply_frame(request: Any, done: Future) -> bytes:
    error = done.exception()
    answer = {"ok": True, "result": done.result()} if error is None else error_to_plain(error)
    try:
        return pack_json(REPLY, {"id": request, **answer})
    except (TypeError, ValueError) as exc:  # a result JSON cannot carry
        return pack_json(REPLY, {"id": request, **error_to_plain(exc)})


def _done(result: Any) -> Future:
    future: Future = Future()
    future.set_result(result)
    return future


def _failed(error: BaseException) -> Future:
    future: Future = Future()
    future.set_exception(error)
    return future

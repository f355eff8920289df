"""The relay child: owns the studio relay's port and keys it only while the
process that started it lives.

Started by radio.lifeline as ``python -m radio.relay_child --config JSON``;
commands arrive on stdin and replies and events leave on stdout, one JSON
object a line (the format is in radio/lifeline.py). The on-air sequence is
radio/onair.py's OnAirController, so the forced-off start, the read-back,
the monitor and the safety timeout are the same as ever.

It lets go (forces every channel off, reads them back, exits) when:

- stdin ends: the desk closed it, or died in any way and the kernel closed it;
- its parent pid changes: the desk died while something else holds the pipe
  open (a fork that inherited it), checked every PARENT_CHECK_S;
- stdout breaks: nobody hears it any more;
- SIGTERM (a service manager stopping everything).

SIGINT and SIGHUP are ignored: Ctrl-C and a closed terminal reach the desk,
and the child follows the desk through the pipe, after letting go.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from typing import Any, BinaryIO

from radio.drivers import driver_class, open_driver
from radio.drivers.base import RelayDriver, RelayFault
from radio.lifeline import RelayConfig, event_to_plain, fault_to_plain
from radio.onair import OnAirController, RadioEvent

log = logging.getLogger("safedesk.relay_child")

# Well inside the 3 s the studio allows between the desk's death and the
# release, with the release itself (a few read-backs) after it.
PARENT_CHECK_S = 0.5


class RelayChild:
    def __init__(self, config: RelayConfig, out: BinaryIO) -> None:
        self.config = config
        # The pid it started under, not one passed in: on Windows a venv's
        # python.exe is a launcher that starts the real interpreter as its
        # own child. A desk that died before this line is seen through the
        # pipe, which has then already ended.
        self._parent_pid = os.getppid()
        self._out = out
        self._write_lock = threading.Lock()
        self._let_go_lock = threading.Lock()
        self._let_go = False
        self._wake = threading.Event()  # asks the watchdog to let go now
        self._why = ""
        self.controller: OnAirController | None = None

    def run(self, commands: BinaryIO) -> int:
        try:
            self.controller = OnAirController(self._open, self.config.channels,
                                              self.config.safety_timeout_s, self._emit,
                                              poll_interval_s=self.config.poll_interval_s)
        except RelayFault as exc:
            self._send({"reply": 0, "ok": False, "error": fault_to_plain(exc)})
            return 2
        threading.Thread(target=self._watch, name="relay-child-watchdog", daemon=True).start()
        self._send({"reply": 0, "ok": True, "value": self._state()})
        why = "its lifeline closed: the desk is gone"
        try:
            for line in commands:
                request = json.loads(line)
                self._send(self._answer(request))
                if request.get("op") == "close":
                    why = ""
                    break
        finally:
            self.let_go(why)
        return 0

    def _open(self) -> RelayDriver:
        config = self.config
        return open_driver(config.protocol, config.port, baudrate=config.baudrate,
                           relays=config.relays, reply_timeout=config.reply_timeout_s)

    def _answer(self, request: dict) -> dict:
        number, op = request.get("id"), request.get("op")
        controller = self.controller
        try:
            if op == "start":
                controller.start()
                value: Any = None
            elif op == "stop":
                controller.stop()
                value = None
            elif op == "status":
                value = self._state()
            elif op == "close":
                self.let_go("")
                value = None
            else:
                raise RelayFault(f"the relay process does not know the command {op!r}",
                                 code="lifeline.child_error", command=op, detail="unknown")
        except RelayFault as exc:
            return {"reply": number, "ok": False, "error": fault_to_plain(exc)}
        except Exception as exc:  # a bug: say so to the desk, keep the lifeline
            log.exception("relay child: %s failed", op)
            error = RelayFault(f"the relay process failed on {op}: {exc}",
                               code="lifeline.child_error", command=op, detail=str(exc))
            return {"reply": number, "ok": False, "error": fault_to_plain(error)}
        return {"reply": number, "ok": True, "value": value}

    def _state(self) -> dict:
        controller = self.controller
        return {"on_air": controller.on_air, "connected": controller.connected,
                "seconds_left": controller.seconds_left, "last_fault": controller.last_fault,
                "reports_state": driver_class(self.config.protocol).reports_state,
                "pid": os.getpid()}

    # -- letting go -----------------------------------------------------------------
    def let_go(self, why: str) -> None:
        """Force every channel off (the controller's close reads them back)
        and drop the port; once, whoever asks first. Never from a thread of
        the controller: its close joins its monitor thread."""
        with self._let_go_lock:
            if self._let_go:
                return
            if why:
                log.warning("relay child: %s; forcing every relay channel off", why)
            controller = self.controller
            if controller is not None:
                reachable = controller.connected
                controller.close()
                if not reachable:
                    self._last_try()
            self._let_go = True

    def _last_try(self) -> None:
        """The device was away (being reconnected) when the child was told to
        go: once more, since nobody will force it off when it comes back."""
        try:
            with self._open() as driver:
                driver.all_off()
        except RelayFault as exc:
            log.error("relay child: could not force the relay off before exiting: %s", exc)

    def ask_to_let_go(self, why: str) -> None:
        """From a signal handler or a controller thread: the watchdog does it."""
        self._why = self._why or why
        self._wake.set()

    def _watch(self) -> None:
        while not self._wake.wait(PARENT_CHECK_S):
            if os.getppid() != self._parent_pid:
                self._why = "the desk is gone (its pid changed) but the lifeline stays open"
                break
        self.let_go(self._why)
        sys.stderr.flush()
        os._exit(0)  # the main thread may sit in a read of stdin for ever

    # -- the pipe to the desk --------------------------------------------------------------
    def _emit(self, event: RadioEvent) -> None:
        self._send(event_to_plain(event))

    def _send(self, message: dict) -> None:
        data = json.dumps(message).encode() + b"\n"
        with self._write_lock:
            try:
                while data:
                    data = data[self._out.write(data):]
            except OSError:  # BrokenPipeError: the desk is gone
                self.ask_to_let_go("nobody reads its replies: the desk is gone")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m radio.relay_child")
    parser.add_argument("--config", required=True, help="RelayConfig as JSON")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
    # The protocol gets its own copy of stdout; anything a library prints
    # goes to stderr instead of into a reply.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb", buffering=0)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    child = RelayChild(RelayConfig.from_json(args.config), out)
    signal.signal(signal.SIGTERM, lambda _signum, _frame: child.ask_to_let_go("SIGTERM"))
    return child.run(sys.stdin.buffer)


if __name__ == "__main__":
    sys.exit(main())

"""``safedesk radio …``: switch and read the studio relay, run the simulator.

Loaded by the desk's main through the ``safedesk.commands`` entry point.
Bad input raises DeskError; the main prints its one line and exits 2.
``radio on`` leaves the relay keyed when it exits, and says so: it is for
manual use, undone by ``radio off``. ``radio on --hold`` keys through the
relay child process (radio/lifeline.py) and holds only while the command
runs: Ctrl-C, SIGTERM or SIGHUP release it, and so does its death by any
means, SIGKILL included, since the child follows the command's lifeline.
"""
from __future__ import annotations

import argparse
import json
import os
import queue
import signal
import sys
from typing import Any

from dispatch.errors import InvalidInput
from dispatch.settings import Settings
from radio import settings as radio_settings
from radio.drivers import PROTOCOLS, RelayDriver, driver_class
from radio.lifeline import RelayConfig, RelayLifeline
from radio.onair import Fault, Keyed, Released, SafetyTimeout


def add_commands(subparsers: Any) -> None:
    radio = subparsers.add_parser("radio", help="studio relay: switch, read, simulate",
                                  description="Drive the studio relay over a serial port.")
    commands = radio.add_subparsers(dest="radio_command", metavar="COMMAND")
    commands.required = True

    for name, handler, summary in (
            ("on", _on, "key channels (default: the on-air channels from the settings)"),
            ("off", _off, "release channels (default: the on-air channels from the settings)"),
            ("status", _status, "read the relay state back from the device")):
        leaf = commands.add_parser(name, help=summary, description=summary)
        _add_device_options(leaf)
        leaf.add_argument("--channel", type=int, action="append", metavar="N",
                          help="channel number from 1 (repeat for several)")
        leaf.add_argument("--json", action="store_true", help="print JSON")
        leaf.set_defaults(handler=handler)
        if name == "on":
            leaf.add_argument("--hold", action="store_true",
                              help="keep the channels keyed only while this command runs: "
                                   "Ctrl-C, SIGTERM, SIGHUP or its death release them; "
                                   "exits 1 if a fault or the safety timeout released them")
            leaf.add_argument("--timeout", type=float, metavar="SECONDS",
                              help="with --hold: the safety timeout (default: "
                                   "radio.safety_timeout_s)")

    simulate = commands.add_parser(
        "simulate", help="play a relay device on a virtual serial port",
        description="Open a pty (POSIX) or a TCP port, print the pyserial URL to open on the "
                    "first line, then one JSON line per command and relay change. "
                    "Stop with Ctrl-C or SIGTERM.")
    simulate.add_argument("--protocol", required=True, metavar="NAME",
                          help="one of " + ", ".join(PROTOCOLS) + " (or rds)")
    simulate.add_argument("--tcp", metavar="HOST:PORT",
                          help="listen on TCP instead of a pty (port 0 picks a free one)")
    simulate.add_argument("--relays", type=int, metavar="N", help="relays on the device")
    simulate.add_argument("--silent", action="store_true",
                          help="take commands but never answer (a dead device)")
    simulate.set_defaults(handler=_simulate)


def _add_device_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", metavar="URL",
                        help="pyserial URL: /dev/ttyUSB0, COM3, socket://host:port "
                             "(default: radio.port)")
    parser.add_argument("--protocol", metavar="NAME",
                        help="one of " + ", ".join(PROTOCOLS) + " (default: radio.protocol)")
    parser.add_argument("--baudrate", type=int, metavar="BAUD",
                        help="serial speed (default: radio.baudrate)")
    parser.add_argument("--relays", type=int, metavar="N",
                        help="relays on the device (default: radio.relay_count)")


class _Target:
    """The device the command line names, settings filling the gaps."""

    def __init__(self, args: argparse.Namespace) -> None:
        self._settings: Settings | None = None
        self.port = args.port if args.port is not None else self._get(radio_settings.PORT)
        protocol = args.protocol if args.protocol is not None else self._get(
            radio_settings.PROTOCOL)
        self.cls = driver_class(protocol)
        self.protocol = self.cls.protocol
        self.baudrate = args.baudrate or self._get(radio_settings.BAUDRATE)
        self.relays = args.relays if args.relays is not None else (
            self._get(radio_settings.RELAY_COUNT) or None)
        self.reply_timeout = self._get(radio_settings.REPLY_TIMEOUT_S)
        if self.relays is not None and not 1 <= self.relays <= self.cls.max_relays:
            raise InvalidInput(f"--relays: a {self.protocol} device has 1 to "
                               f"{self.cls.max_relays} relays, not {self.relays}",
                               code="relay.bad_count", protocol=self.protocol,
                               most=self.cls.max_relays, count=self.relays)
        if not self.port:
            raise InvalidInput("no relay port: give --port URL or set radio.port",
                               code="relay.no_port")

    def _get(self, setting: Any) -> Any:
        if self._settings is None:
            self._settings = Settings.load()
        return self._settings.get(setting)

    def channels(self, args: argparse.Namespace) -> list[int]:
        if args.channel:
            chosen = list(dict.fromkeys(args.channel))
        else:
            if self._settings is None:
                self._settings = Settings.load()
            chosen = radio_settings.on_air_channels(self._settings)
        limit = self.relays or self.cls.default_relays
        for channel in chosen:
            if not 1 <= channel <= limit:
                raise InvalidInput(f"channel {channel} is out of range: this {self.protocol} "
                                   f"relay has channels 1 to {limit}", code="relay.bad_channel",
                                   channel=channel, protocol=self.protocol, relays=limit)
        return chosen

    def open(self) -> RelayDriver:
        return self.cls.open(self.port, baudrate=self.baudrate, relays=self.relays,
                             reply_timeout=self.reply_timeout)


def _report(target: _Target, driver: RelayDriver, states: dict[int, bool] | None,
            args: argparse.Namespace, action: str, channels: list[int] | None = None) -> int:
    payload = {
        "port": target.port,
        "protocol": target.protocol,
        "action": action,
        "reports_state": driver.reports_state,
        # Only what the device read back; None where it cannot say.
        "channels": None if states is None else {str(c): on for c, on in sorted(states.items())},
    }
    if channels is not None:
        payload["commanded"] = {str(c): action == "on" for c in channels}
    if args.json:
        print(json.dumps(payload, sort_keys=True))
        return 0
    if states is None:
        shown = ", ".join(str(c) for c in channels or [])
        if action == "status":
            print(f"{target.protocol} on {target.port}: this device cannot report its relays")
        else:
            print(f"{target.protocol} on {target.port}: sent {action} to channel(s) {shown} "
                  "(this device cannot confirm)")
        return 0
    for channel, on in sorted(states.items()):
        print(f"relay {channel}: {'on' if on else 'off'} (read back from {target.port})")
    return 0


def _switch(args: argparse.Namespace, on: bool) -> int:
    target = _Target(args)
    channels = target.channels(args)
    with target.open() as driver:
        for channel in channels:
            driver.set(channel, on)
        states = driver.status(channels)
        return _report(target, driver, states, args, "on" if on else "off", channels)


def _on(args: argparse.Namespace) -> int:
    if args.hold:
        return _hold(args)
    if args.timeout is not None:
        raise InvalidInput("--timeout goes with --hold: plain `radio on` has no safety timeout",
                           code="relay.timeout_without_hold")
    result = _switch(args, True)
    _complain(args, "relay.left_keyed", "nothing will release the relay until `safedesk radio "
              "off`; `radio on --hold` keys it only while that command runs", "warning")
    return result


def _off(args: argparse.Namespace) -> int:
    return _switch(args, False)


def _status(args: argparse.Namespace) -> int:
    target = _Target(args)
    wanted = target.channels(args) if args.channel else None
    with target.open() as driver:
        return _report(target, driver, driver.status(wanted), args, "status")


def _simulate(args: argparse.Namespace) -> int:
    from radio import simulator
    if args.relays is not None and args.relays < 1:
        raise InvalidInput(f"--relays must be at least 1, not {args.relays}",
                           code="relay.too_few", count=args.relays)
    return simulator.run(args.protocol, tcp=args.tcp, relays=args.relays, silent=args.silent,
                         out=sys.stdout)


def _hold(args: argparse.Namespace) -> int:
    target = _Target(args)
    channels = target.channels(args)
    timeout = args.timeout if args.timeout is not None else target._get(
        radio_settings.SAFETY_TIMEOUT_S)
    if timeout <= 0:
        raise InvalidInput(f"--timeout must be positive, not {timeout:g} s",
                           code="onair.bad_timeout", seconds=timeout)
    config = RelayConfig(protocol=target.protocol, port=target.port, channels=tuple(channels),
                         safety_timeout_s=float(timeout), baudrate=target.baudrate,
                         relays=target.relays, reply_timeout_s=target.reply_timeout,
                         poll_interval_s=target._get(radio_settings.POLL_INTERVAL_S))
    events: queue.Queue = queue.Queue()
    # The handlers only post to the queue: the main thread lets go, in order.
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda signum, _frame: events.put(signum))
    lifeline = RelayLifeline(config, events.put, respawn=False)
    try:
        lifeline.start()
        status = _hold_until_released(events, target, lifeline, args)
    finally:
        lifeline.close()
    released = [e for e in _drain(events) if isinstance(e, Released) and e.reason == "close"]
    if released:
        how = "read back" if released[0].verified else "this device cannot confirm"
        _print_line(args, {"action": "released", "port": target.port,
                           "channels": list(config.channels), "verified": released[0].verified},
                    f"released relay channel(s) {_shown(config.channels)} on {target.port} "
                    f"({how})")
    return status


def _hold_until_released(events: queue.Queue, target: _Target, lifeline: RelayLifeline,
                         args: argparse.Namespace) -> int:
    """0 when a signal ends the hold; 1 when the safety timeout released the
    relay, 4 (a device failed, as for the main's DeviceFault) on a fault."""
    keyed = False
    while True:
        event = events.get()
        if isinstance(event, int):
            return 0  # a signal: close() lets go
        if isinstance(event, Keyed):
            keyed = True
            _say_on_air(target, lifeline, event, args)
        elif not keyed:
            continue  # a fault at opening that a reconnect before start() mended
        elif isinstance(event, SafetyTimeout):
            _complain(args, "onair.timeout", f"the safety timeout ({event.after_s:g} s) "
                      "released the relay", "error")
            return 1
        elif isinstance(event, Fault):
            _complain(args, event.code or "relay.fault", event.message, "error")
            return 4
        elif isinstance(event, Released):
            return 1


def _say_on_air(target: _Target, lifeline: RelayLifeline, keyed: Keyed,
                args: argparse.Namespace) -> None:
    how = "read back" if keyed.verified else "this device cannot confirm"
    timeout = lifeline.safety_timeout_s
    _print_line(args, {"action": "hold", "port": target.port, "protocol": target.protocol,
                       "channels": list(keyed.channels), "verified": keyed.verified,
                       "safety_timeout_s": timeout, "pid": os.getpid(),
                       "relay_pid": lifeline.child_pid},
                f"on air: relay channel(s) {_shown(keyed.channels)} keyed on {target.port} "
                f"({how}); press Ctrl-C or `kill {os.getpid()}` to release "
                f"(the safety timeout releases after {timeout:g} s)")


def _drain(events: queue.Queue) -> list:
    drained = []
    while True:
        try:
            drained.append(events.get_nowait())
        except queue.Empty:
            return drained


def _print_line(args: argparse.Namespace, payload: dict, text: str) -> None:
    print(json.dumps(payload, sort_keys=True) if args.json else text, flush=True)


def _complain(args: argparse.Namespace, code: str, message: str, level: str) -> None:
    """One line on stderr; with --json an object, as the main prints its errors."""
    line = (json.dumps({level: code, "message": message}) if args.json
            else f"safedesk: {level}: {message}")
    print(line, file=sys.stderr, flush=True)


def _shown(channels: tuple[int, ...]) -> str:
    return ", ".join(str(c) for c in channels)

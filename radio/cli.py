"""``safedesk radio …``: switch and read the studio relay, run the simulator.

Loaded by the desk's main through the ``safedesk.commands`` entry point.
Bad input raises DeskError; the main prints its one line and exits 2.
``radio on`` leaves the relay keyed when it exits: it is for scripts and
tests. A reading on air goes through the desk, whose on-air sequence has the
safety timeout.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from dispatch.errors import InvalidInput
from dispatch.settings import Settings
from radio import settings as radio_settings
from radio.drivers import PROTOCOLS, RelayDriver, driver_class


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
    return _switch(args, True)


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

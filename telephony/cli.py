"""`safedesk serve`: the softphone and the database, without a window.

For a server, a kiosk and the tests: every call that rings is logged in
the database and gets one INFO line here (caller number masked). Stops
cleanly on SIGINT/SIGTERM: calls are hung up, rows finished, recordings
closed, pjsua2 destroyed.
"""
from __future__ import annotations

import logging
import signal
import threading

from dispatch.cli.context import actor_of, open_db, settings_of
from telephony.settings import TRANSPORTS, load_sip_config

log = logging.getLogger("safedesk.serve")


def add_commands(subparsers) -> None:
    parser = subparsers.add_parser("serve", help="run the softphone headless and log every call")
    parser.add_argument("--listen", metavar="HOST:PORT",
                        help="address of the SIP account (default: setting sip.listen)")
    parser.add_argument("--transport", choices=TRANSPORTS,
                        help="SIP transport (default: setting sip.transport)")
    parser.set_defaults(handler=run_serve)


def run_serve(args) -> int:
    from telephony.engine import SoftphoneEngine  # pjsua2 only for this command
    config = load_sip_config(settings_of(args), listen=args.listen, transport=args.transport)
    log.setLevel(logging.INFO)  # call lines are the point of this command
    database = open_db(args)
    stop = threading.Event()
    previous = _on_stop_signals(lambda *_: stop.set())
    engine = SoftphoneEngine(database, config, actor=actor_of(args))
    engine.add_listener(lambda event: log.info("%s", event.log_line()))
    try:
        engine.start()
        log.info("softphone %s listening on %s %s, database %s, allowed peers %s",
                 config.desk_name, config.transport, config.listen, database.describe(),
                 ", ".join(config.allowed_peers) or "none")
        while not stop.wait(0.5):
            if not engine.running:
                log.error("the softphone stopped on its own; exiting")
                return 1
        log.info("stopping")
        return 0
    finally:
        engine.stop()
        database.dispose()
        _restore(previous)


def _on_stop_signals(handler) -> dict:
    previous = {}
    for name in ("SIGINT", "SIGTERM", "SIGBREAK"):  # SIGBREAK: Ctrl+Break on Windows
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, handler)
    return previous


def _restore(previous: dict) -> None:
    for number, handler in previous.items():
        signal.signal(number, handler)

"""`safedesk serve`: the desk's telephony engine, a process of its own;
`safedesk engine status|stop`: ask it how it is, or to stop.

`serve` runs the softphone and the database for the windows of one data
directory (they connect over telephony/link), for a server, a kiosk and
the tests: every call that rings is logged in the database and gets one
INFO line here (caller number masked). One engine per data directory: a
second `serve` exits 2 naming the first. Stops cleanly on SIGINT/SIGTERM
or `safedesk engine stop`: calls are hung up, rows finished, recordings
closed, pjsua2 destroyed.
"""
from __future__ import annotations

import logging
import os
import signal
import threading

from dispatch.cli.context import open_db, print_json, settings_of
from dispatch.permissions import SYSTEM
from dispatch.timeutil import utcnow
from telephony.settings import TRANSPORTS, load_sip_config

log = logging.getLogger("safedesk.serve")
NOT_RUNNING_EXIT = 3


def add_commands(subparsers) -> None:
    parser = subparsers.add_parser("serve", help="run the telephony engine for this desk's "
                                                 "windows and log every call")
    parser.add_argument("--listen", metavar="HOST:PORT",
                        help="address of the SIP account (default: setting sip.listen)")
    parser.add_argument("--transport", choices=TRANSPORTS,
                        help="SIP transport (default: setting sip.transport)")
    parser.set_defaults(handler=run_serve)

    engine = subparsers.add_parser("engine", help="the running telephony engine: status, stop")
    actions = engine.add_subparsers(dest="engine_action", metavar="ACTION", required=True)
    status = actions.add_parser("status", help="is an engine running for this data directory "
                                               "(exit 3 if not)")
    status.add_argument("--json", action="store_true", help="the facts as JSON")
    status.set_defaults(handler=run_engine_status)
    stop = actions.add_parser("stop", help="stop the engine cleanly (calls hung up, rows "
                                           "finished)")
    stop.add_argument("--timeout", type=float, default=20.0, metavar="S",
                      help="how long to wait for it (default 20)")
    stop.set_defaults(handler=run_engine_stop)


def run_serve(args) -> int:
    from telephony.audio import HeadsetPipes
    from telephony.engine import SoftphoneEngine  # pjsua2 only for this command
    from telephony.link.place import EnginePlace
    from telephony.link.server import LinkServer
    config = load_sip_config(settings_of(args), listen=args.listen, transport=args.transport)
    log.setLevel(logging.INFO)  # call lines are the point of this command
    place = EnginePlace.current()
    lock = place.take_lock()  # EngineAlreadyRunning: exit 2, one line
    database = None
    stop = threading.Event()
    previous = _on_stop_signals(lambda *_: stop.set())
    try:
        # The engine acts as the system: it logs calls and does what a
        # signed-in window asks of it; it needs no operator of its own.
        database = open_db(args, acting=SYSTEM)
        # Always a headset: any window that connects may take it.
        engine = SoftphoneEngine(database, config, headset=HeadsetPipes(),
                                 actor=SYSTEM.username)
        engine.add_listener(_log_call_event)
        facts = {"pid": os.getpid(), "transport": config.transport, "listen": config.listen,
                 "desk": config.desk_name, "database": database.describe(),
                 "started_at": utcnow().isoformat()}
        server = LinkServer(engine, place, headset=engine.headset, facts=facts,
                            on_stop_request=stop.set)
        try:
            engine.start()
            log.info("softphone %s listening on %s %s, database %s, allowed peers %s",
                     config.desk_name, config.transport, config.listen, database.describe(),
                     ", ".join(config.allowed_peers) or "none")
            server.start()
            while not stop.wait(0.5):
                if not engine.running:
                    log.error("the softphone stopped on its own; exiting")
                    return 1
            log.info("stopping")
            return 0
        finally:
            engine.stop()
            server.close()
    finally:
        if database is not None:
            database.dispose()
        _restore(previous)
        lock.release()


def _log_call_event(event) -> None:
    from telephony.events import EventKind
    if event.kind in (EventKind.JOURNALING, EventKind.DATABASE_BACK):
        return  # said once already, with its reason, by telephony.durable_log
    log.info("%s", event.log_line())


def run_engine_status(args) -> int:
    from telephony.link.control import engine_status, status_lines
    from telephony.link.place import EnginePlace
    place = EnginePlace.current()
    facts = engine_status(place)
    if facts is None:
        print(place.nothing_running())
        return NOT_RUNNING_EXIT
    if args.json:
        print_json(facts)
    else:
        print("\n".join(status_lines(facts)))
    return 0


def run_engine_stop(args) -> int:
    from telephony.link.control import stop_engine
    from telephony.link.place import EnginePlace
    stopped, line = stop_engine(EnginePlace.current(), timeout=args.timeout)
    print(line)
    return 0 if stopped else 1


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

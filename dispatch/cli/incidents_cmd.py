"""`safedesk incidents create|list|show|close`."""
from __future__ import annotations

from functools import partial

from dispatch.cli.context import actor_of, open_db, print_json
from dispatch.cli.listing import add_paging_options, run_listing
from dispatch.errors import InvalidInput
from dispatch.incidents import (
    add_note,
    add_report,
    correct_incident,
    create_incident,
    get_incident,
    incidents_page,
    stream_incidents,
)
from dispatch.serialize import incident_to_dict
from dispatch.timeutil import format_wita


def add_commands(subparsers) -> None:
    incidents = subparsers.add_parser("incidents", help="open, list and close incidents")
    commands = incidents.add_subparsers(dest="incidents_command", metavar="ACTION", required=True)

    create = commands.add_parser("create", help="open an incident")
    create.add_argument("--type", required=True, dest="type_code", metavar="TYPE")
    create.add_argument("--lat", type=float)
    create.add_argument("--lon", type=float)
    create.add_argument("--place-unknown", action="store_true",
                        help="nobody knows where yet: no --lat/--lon, located later "
                             "(incidents correct ID --lat --lon)")
    create.add_argument("--address", default="")
    create.add_argument("--caller", metavar="NUMBER")
    create.add_argument("--priority", type=int, metavar="N", help="1 (most urgent) to 5")
    create.add_argument("--notes", default="")
    create.add_argument("--call", type=int, metavar="CALL_ID", help="the call it came from")
    create.add_argument("--outside-area", action="store_true",
                        help="the place is beyond the service area, and that is right "
                             "(a real call from just across the border)")
    create.add_argument("--not-a-duplicate", action="store_true",
                        help="open it even though an open incident of the same type is near")
    create.add_argument("--json", action="store_true")
    create.set_defaults(handler=run_create)

    report = commands.add_parser("add-report", help="another caller's report of an open "
                                                    "incident (instead of a duplicate)")
    report.add_argument("incident_id", type=int, metavar="ID")
    report.add_argument("--call", type=int, metavar="CALL_ID", help="the call that reported it")
    report.add_argument("--caller", metavar="NUMBER")
    report.add_argument("--note", default="")
    report.add_argument("--json", action="store_true")
    report.set_defaults(handler=run_add_report)

    correct = commands.add_parser("correct", help="correct the type, priority, place or "
                                                  "address (or locate an incident)")
    correct.add_argument("incident_id", type=int, metavar="ID")
    correct.add_argument("--type", dest="type_code", metavar="TYPE")
    correct.add_argument("--priority", type=int, metavar="N")
    correct.add_argument("--lat", type=float)
    correct.add_argument("--lon", type=float)
    correct.add_argument("--address")
    correct.add_argument("--outside-area", action="store_true")
    correct.add_argument("--json", action="store_true")
    correct.set_defaults(handler=run_correct)

    note = commands.add_parser("note", help="add a note to the incident's timeline")
    note.add_argument("incident_id", type=int, metavar="ID")
    note.add_argument("text")
    note.add_argument("--json", action="store_true")
    note.set_defaults(handler=run_note)

    listing = commands.add_parser("list", help="incidents, newest first, a page at a time")
    listing.add_argument("--open", action="store_true", help="only open ones")
    add_paging_options(listing)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)

    show = commands.add_parser("show", help="one incident with its timeline")
    show.add_argument("incident_id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)

    close = commands.add_parser("close", help="close (or --cancel) an incident")
    close.add_argument("incident_id", type=int, metavar="ID")
    close.add_argument("--cancel", action="store_true",
                       help="nothing to do (a false alarm, a duplicate, a prank)")
    close.add_argument("--disposition", metavar="WHY",
                       help="closing: handled (default), referred, no_action_needed; "
                            "cancelling: false_alarm (default), duplicate, prank, "
                            "caller_cancelled")
    close.add_argument("--note", default="")
    close.add_argument("--json", action="store_true")
    close.set_defaults(handler=run_close)


def _line(data: dict) -> str:
    units = ",".join(data["units"]) or "-"
    place = (f"{data['lat']:.5f},{data['lon']:.5f}" if data["lat"] is not None
             else "place-unknown")
    return (f"#{data['id']:<5} P{data['priority']} {data['type']:<14} {data['status']:<10} "
            f"{place} units:{units} {data['address']}")


def run_create(args) -> int:
    if args.place_unknown and (args.lat is not None or args.lon is not None):
        raise InvalidInput("--place-unknown goes without --lat/--lon",
                           code="place.unknown_with_coordinates")
    if not args.place_unknown and (args.lat is None or args.lon is None):
        raise InvalidInput("give the place (--lat and --lon), or say --place-unknown",
                           code="place.required")
    database = open_db(args)
    with database.session() as session:
        incident = create_incident(session, type_code=args.type_code, lat=args.lat, lon=args.lon,
                                   actor=actor_of(args), address=args.address, notes=args.notes,
                                   caller=args.caller, priority=args.priority, call_id=args.call,
                                   outside_area=args.outside_area,
                                   not_a_duplicate=args.not_a_duplicate)
        session.flush()
        data = incident_to_dict(incident, full=True)
    print_json(data) if args.json else print(_line(data))
    return 0


def run_correct(args) -> int:
    database = open_db(args)
    with database.session() as session:
        incident = correct_incident(session, incident_id=args.incident_id, actor=actor_of(args),
                                    type_code=args.type_code, priority=args.priority,
                                    lat=args.lat, lon=args.lon, address=args.address,
                                    outside_area=args.outside_area)
        session.flush()
        data = incident_to_dict(incident, full=True)
    print_json(data) if args.json else print(_line(data))
    return 0


def run_note(args) -> int:
    database = open_db(args)
    with database.session() as session:
        incident = add_note(session, incident_id=args.incident_id, text=args.text,
                            actor=actor_of(args))
        session.flush()
        data = incident_to_dict(incident, full=True)
    print_json(data) if args.json else print(_line(data))
    return 0


def run_add_report(args) -> int:
    database = open_db(args)
    with database.session() as session:
        incident = add_report(session, incident_id=args.incident_id, actor=actor_of(args),
                              call_id=args.call, caller=args.caller, note=args.note)
        session.flush()
        data = incident_to_dict(incident, full=True)
    print_json(data) if args.json else print(_line(data))
    return 0


def run_list(args) -> int:
    return run_listing(args, page=partial(incidents_page, open_only=args.open),
                       stream=partial(stream_incidents, open_only=args.open),
                       to_dict=incident_to_dict, line=_line)


def run_show(args) -> int:
    database = open_db(args)
    with database.reading() as session:
        incident = get_incident(session, args.incident_id)
        data = incident_to_dict(incident, full=True)
        events = [(format_wita(e.at), e.kind, e.text, e.actor) for e in incident.events]
    if args.json:
        print_json(data)
    else:
        print(_line(data))
        for at, kind, text, actor in events:
            print(f"  {at}  {kind:<8} {text}  ({actor})")
    return 0


def run_close(args) -> int:
    from dispatch.assignments import close_incident  # numpy: only for commands that rank
    database = open_db(args)
    with database.session() as session:
        incident = close_incident(session, incident_id=args.incident_id, actor=actor_of(args),
                                  cancel=args.cancel, note=args.note,
                                  disposition=args.disposition)
        session.flush()
        data = incident_to_dict(incident, full=True)
    print_json(data) if args.json else print(_line(data))
    return 0

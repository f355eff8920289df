"""`safedesk units list|status|position`, `safedesk recommend`, `safedesk assign`.

The ranking (numpy) is imported by the commands that use it, not by every
`safedesk` command at start-up."""
from __future__ import annotations

import sys

from dispatch.cli.context import actor_of, open_db, print_json, settings_of
from dispatch.serialize import assignment_to_dict, unit_to_dict
from dispatch.settings import ETA_WARNING_MIN
from dispatch.units import list_units, report_position


def add_commands(subparsers) -> None:
    units = subparsers.add_parser("units", help="units and their status")
    commands = units.add_subparsers(dest="units_command", metavar="ACTION", required=True)
    listing = commands.add_parser("list", help="every unit with its status")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)
    status = commands.add_parser("status", help="change a unit's status "
                                 "(en_route, on_scene, available/clear, out_of_service)")
    status.add_argument("callsign")
    status.add_argument("status")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=run_status)
    position = commands.add_parser("position", help="report a unit's position")
    position.add_argument("callsign")
    position.add_argument("--lat", required=True, type=float)
    position.add_argument("--lon", required=True, type=float)
    position.add_argument("--json", action="store_true")
    position.set_defaults(handler=run_position)

    recommend = subparsers.add_parser("recommend", help="available units ranked by ETA")
    recommend.add_argument("incident_id", type=int, metavar="INCIDENT_ID")
    recommend.add_argument("--limit", type=int)
    recommend.add_argument("--include-busy", action="store_true",
                           help="also units on other incidents (after the available ones)")
    recommend.add_argument("--area", metavar="PLACE",
                           help="for an incident whose place is not known yet: rank from this "
                                "named area (a kecamatan or landmark of the gazetteer)")
    recommend.add_argument("--json", action="store_true")
    recommend.set_defaults(handler=run_recommend)

    assign = subparsers.add_parser("assign", help="send a unit to an incident")
    assign.add_argument("incident_id", type=int, metavar="INCIDENT_ID")
    assign.add_argument("callsign", metavar="CALLSIGN")
    assign.add_argument("--reassign", metavar="REASON",
                        help="take the unit off the incident it is on, for this reason")
    assign.add_argument("--area", metavar="PLACE",
                        help="for an incident whose place is not known yet: send the unit to "
                             "this named area")
    assign.add_argument("--json", action="store_true")
    assign.set_defaults(handler=run_assign)


def _unit_line(data: dict) -> str:
    return f"{data['callsign']:<12} {data['kind']:<9} {data['station']:<8} {data['status']}"


def run_list(args) -> int:
    database = open_db(args)
    with database.reading() as session:
        rows = [unit_to_dict(u) for u in list_units(session)]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(_unit_line(row))
    return 0


def run_status(args) -> int:
    from dispatch.assignments import change_unit_status
    database = open_db(args)
    with database.session() as session:
        unit = change_unit_status(session, callsign=args.callsign, status=args.status,
                                  actor=actor_of(args))
        data = unit_to_dict(unit)
    print_json(data) if args.json else print(_unit_line(data))
    return 0


def run_position(args) -> int:
    database = open_db(args)
    with database.session() as session:
        data = unit_to_dict(report_position(session, callsign=args.callsign, lat=args.lat,
                                            lon=args.lon, actor=actor_of(args)))
    print_json(data) if args.json else print(_unit_line(data))
    return 0


def eta_warning(eta_s: float | None, settings) -> str | None:
    """One line when the best ETA is implausibly long for a city: most often
    a slip in the place (a lost minus sign), sometimes a unit far away."""
    limit_min = settings.get(ETA_WARNING_MIN)
    if eta_s is None or eta_s <= limit_min * 60:
        return None
    return (f"the best ETA is {eta_s / 60:.0f} min, over {limit_min} min: "
            "check the incident's place")


def run_recommend(args) -> int:
    from dispatch.recommend import recommend_for_incident
    from dispatch.serialize import recommendation_to_dict
    database = open_db(args)
    settings = settings_of(args)
    with database.reading() as session:
        ranked = recommend_for_incident(session, incident_id=args.incident_id,
                                        settings=settings, limit=args.limit,
                                        include_busy=args.include_busy, area=args.area)
        rows = [recommendation_to_dict(r) for r in ranked]
    warning = eta_warning(rows[0]["eta_s"] if rows else None, settings)
    if warning:
        print(f"safedesk: warning: {warning}", file=sys.stderr)
    if args.json:
        print_json(rows)
    else:
        for rank, row in enumerate(rows, 1):
            busy = (f"  [{row['status']}, incident {row['assigned_incident_id']}]"
                    if row.get("assigned_incident_id") else "")
            print(f"{rank:>2}. {row['callsign']:<12} {row['kind']:<9} {row['station']:<8} "
                  f"ETA {row['eta_s'] // 60}:{row['eta_s'] % 60:02d}  "
                  f"{row['distance_m']} m{busy}")
    return 0


def run_assign(args) -> int:
    from dispatch.assignments import assign_unit
    database = open_db(args)
    settings = settings_of(args)
    with database.session() as session:
        assignment = assign_unit(session, incident_id=args.incident_id, callsign=args.callsign,
                                 actor=actor_of(args), settings=settings,
                                 reassign_reason=args.reassign, area=args.area)
        session.flush()
        data = assignment_to_dict(assignment)
    warning = eta_warning(data["eta_s"], settings)
    if warning:
        print(f"safedesk: warning: {warning}", file=sys.stderr)
    if args.json:
        print_json(data)
    else:
        print(f"{data['unit']} dispatched to incident {data['incident_id']} "
              f"(ETA {data['eta_s']} s, {data['distance_m']} m)")
    return 0

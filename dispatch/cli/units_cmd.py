"""`safedesk units list|status|position`, `safedesk recommend`, `safedesk assign`."""
from __future__ import annotations

from dispatch.assign import assign_unit, recommend_for_incident
from dispatch.cli.context import actor_of, open_db, print_json, settings_of
from dispatch.serialize import assignment_to_dict, recommendation_to_dict, unit_to_dict
from dispatch.units import change_unit_status, list_units, report_position


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
    recommend.add_argument("--json", action="store_true")
    recommend.set_defaults(handler=run_recommend)

    assign = subparsers.add_parser("assign", help="send a unit to an incident")
    assign.add_argument("incident_id", type=int, metavar="INCIDENT_ID")
    assign.add_argument("callsign", metavar="CALLSIGN")
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


def run_recommend(args) -> int:
    database = open_db(args)
    with database.reading() as session:
        ranked = recommend_for_incident(session, incident_id=args.incident_id,
                                        settings=settings_of(args), limit=args.limit)
        rows = [recommendation_to_dict(r) for r in ranked]
    if args.json:
        print_json(rows)
    else:
        for rank, row in enumerate(rows, 1):
            print(f"{rank:>2}. {row['callsign']:<12} {row['kind']:<9} {row['station']:<8} "
                  f"ETA {row['eta_s'] // 60}:{row['eta_s'] % 60:02d}  {row['distance_m']} m")
    return 0


def run_assign(args) -> int:
    database = open_db(args)
    with database.session() as session:
        assignment = assign_unit(session, incident_id=args.incident_id, callsign=args.callsign,
                                 actor=actor_of(args), settings=settings_of(args))
        session.flush()
        data = assignment_to_dict(assignment)
    if args.json:
        print_json(data)
    else:
        print(f"{data['unit']} dispatched to incident {data['incident_id']} "
              f"(ETA {data['eta_s']} s, {data['distance_m']} m)")
    return 0

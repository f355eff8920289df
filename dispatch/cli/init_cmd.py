"""`safedesk init [--seed FILE]`: create/migrate the database, load the seed."""
from __future__ import annotations

from pathlib import Path

from dispatch.cli.context import actor_of, open_db, print_json
from dispatch.migrate import current_revision


def add_commands(subparsers) -> None:
    parser = subparsers.add_parser("init", help="create and migrate the database, load seed data")
    parser.add_argument("--seed", metavar="FILE", type=Path,
                        help="seed JSON to load"
                             " (default: the Denpasar seed, only if not loaded yet)")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_init)


def run_init(args) -> int:
    from dispatch.seed import (  # jsonschema is slow to import
        add_missing_service_area,
        is_seeded,
        load_seed_file,
    )
    database = open_db(args)
    try:
        loaded, area_added = None, False
        if args.seed is not None or not is_seeded(database):
            loaded = load_seed_file(database, args.seed, actor=actor_of(args))
        else:
            area_added = add_missing_service_area(database, actor=actor_of(args))
        result = {"database": database.describe(), "revision": current_revision(database.engine),
                  "seed": loaded, "service_area_added": area_added}
        if args.json:
            print_json(result)
        elif loaded:
            counts = ", ".join(f"{n} {k}" for k, n in loaded["counts"].items())
            print(f"database ready at {result['database']}; seed loaded: {counts}")
        else:
            print(f"database ready at {result['database']}; seed already loaded"
                  + ("; the default seed's service area added" if area_added else ""))
        return 0
    finally:
        database.dispose()

"""`safedesk init [--seed FILE]`: create/migrate the database, load the seed."""
from __future__ import annotations

import os
from pathlib import Path

from dispatch.cli.context import OPERATOR_ENV, PASSWORD_ENV, open_db, print_json
from dispatch.errors import InvalidInput
from dispatch.migrate import current_revision
from dispatch.permissions import INSTALLER


def add_commands(subparsers) -> None:
    parser = subparsers.add_parser("init", help="create and migrate the database, load seed data")
    parser.add_argument("--seed", metavar="FILE", type=Path,
                        help="seed JSON to load"
                             " (default: the Denpasar seed, only if not loaded yet)")
    parser.add_argument("--admin", metavar="NAME", nargs="?", const="supervisor",
                        help="create that supervisor, or reset its password and unlock it "
                             "(NAME defaults to 'supervisor'); needs --admin-password-file")
    parser.add_argument("--admin-password-file", type=Path, metavar="FILE",
                        help="the supervisor's password (first line; '-' reads standard input)")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_init)


def run_init(args) -> int:
    from dispatch.cli.operators_cmd import read_password
    from dispatch.operators import anyone_can_sign_in, set_admin
    from dispatch.seed import (  # jsonschema is slow to import
        add_missing_service_area,
        is_seeded,
        load_seed_file,
    )
    admin_password = None
    if args.admin_password_file is not None and args.admin is None:
        args.admin = "supervisor"
    if args.admin is not None:
        if args.admin_password_file is None:
            raise InvalidInput("--admin needs --admin-password-file FILE",
                               code="init.admin_needs_password")
        admin_password = read_password(args.admin_password_file, who=args.admin)
    # Installing is done by whoever owns the files (0600): the seed and the
    # first supervisor need nobody signed in.
    database = open_db(args, acting=INSTALLER)
    try:
        loaded, area_added = None, False
        if args.seed is not None or not is_seeded(database):
            loaded = load_seed_file(database, args.seed, actor="installer")
        else:
            area_added = add_missing_service_area(database, actor="installer")
        admin = None
        with database.session() as session:
            if admin_password is not None:
                admin = set_admin(session, username=args.admin, password=admin_password).username
            elif (os.environ.get(OPERATOR_ENV) and os.environ.get(PASSWORD_ENV) is not None
                  and not anyone_can_sign_in(session)):
                # A scripted desk (kiosk, tests) names its first supervisor
                # as the window's first screen would.
                admin = set_admin(session, username=os.environ[OPERATOR_ENV],
                                  password=os.environ[PASSWORD_ENV]).username
            can_sign_in = anyone_can_sign_in(session)
        result = {"database": database.describe(), "revision": current_revision(database.engine),
                  "seed": loaded, "service_area_added": area_added, "admin": admin,
                  "operators_can_sign_in": can_sign_in}
        if args.json:
            print_json(result)
        elif loaded:
            counts = ", ".join(f"{n} {k}" for k, n in loaded["counts"].items())
            print(f"database ready at {result['database']}; seed loaded: {counts}")
        else:
            print(f"database ready at {result['database']}; seed already loaded"
                  + ("; the default seed's service area added" if area_added else ""))
        if not args.json:
            if admin:
                print(f"supervisor {admin} can sign in")
            elif not can_sign_in:
                print("no operator can sign in yet: the window's first screen creates the "
                      "first supervisor (or: safedesk init --admin NAME "
                      "--admin-password-file FILE)")
        return 0
    finally:
        database.dispose()

"""`safedesk login | logout` and `safedesk operators add | list | disable |
reset-password` (supervisors). Passwords come from a file (`-` for standard
input) or are asked twice on the terminal; never from the command line,
where `ps` and the shell history would keep them."""
from __future__ import annotations

import getpass
import sys
from pathlib import Path

from dispatch.cli.context import (
    actor_of,
    forget_session,
    named_operator,
    open_db,
    print_json,
    save_session,
    settings_of,
)
from dispatch.enums import Role
from dispatch.errors import InvalidInput


def add_commands(subparsers) -> None:
    login = subparsers.add_parser("login", help="sign in once and keep the session "
                                                "(for this database, this user, one shift)")
    login.add_argument("--json", action="store_true")
    login.set_defaults(handler=run_login)
    logout = subparsers.add_parser("logout", help="end the session `login` kept")
    logout.set_defaults(handler=run_logout)

    group = subparsers.add_parser("operators", help="operator accounts (supervisors)")
    commands = group.add_subparsers(dest="operators_command", metavar="ACTION", required=True)
    add = commands.add_parser("add", help="a new operator")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=[role.value for role in Role])
    add.add_argument("--name", default="", help="full name, as shown to colleagues")
    add.add_argument("--password-file", type=Path, metavar="FILE",
                     help="the first password (first line; '-' reads standard input)")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=run_add)
    listing = commands.add_parser("list", help="every operator, role and state")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)
    disable = commands.add_parser("disable", help="an operator can no longer sign in")
    disable.add_argument("username")
    disable.set_defaults(handler=run_disable)
    reset = commands.add_parser("reset-password", help="a new password; unlocks the account")
    reset.add_argument("username")
    reset.add_argument("--password-file", type=Path, metavar="FILE")
    reset.set_defaults(handler=run_reset)


def read_password(path: Path | None, *, who: str) -> str:
    """The first line of `path` ('-': standard input), or asked twice."""
    if path is not None:
        try:
            text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InvalidInput(f"cannot read the password file {path}: {exc.strerror}",
                               code="password.file_unreadable", path=str(path)) from None
        return text.splitlines()[0] if text.splitlines() else ""
    if not sys.stdin.isatty():
        raise InvalidInput("give the password with --password-file FILE (or '-' for stdin)",
                           code="password.needs_file")
    first = getpass.getpass(f"new password for {who}: ")
    if getpass.getpass("again: ") != first:
        raise InvalidInput("the two passwords differ", code="password.mismatch")
    return first


def run_login(args) -> int:
    from dispatch.operators import TOKEN_HOURS, issue_token
    database = open_db(args)
    try:
        principal = database.principal
        token, expires = issue_token(database, principal,
                                     hours=settings_of(args).get(TOKEN_HOURS))
        save_session(database, principal.username, token, expires)
    finally:
        database.dispose()
    result = {"operator": principal.username, "role": str(principal.role),
              "expires_at": expires.isoformat()}
    if args.json:
        print_json(result)
    else:
        print(f"signed in as {principal.username} ({principal.role}) until "
              f"{expires.astimezone().strftime('%Y-%m-%d %H:%M %Z')}")
    return 0


def run_logout(args) -> int:
    from dispatch.cli.context import saved_session
    from dispatch.operators import revoke_token
    from dispatch.permissions import SYSTEM
    database = open_db(args, acting=SYSTEM)  # ending a session needs no sign-in
    try:
        saved = saved_session(database)
        if saved is not None:
            revoke_token(database, saved["token"])
        had = forget_session(database)
    finally:
        database.dispose()
    print("signed out" if had else "no saved sign-in for this database")
    return 0


def run_add(args) -> int:
    from dispatch.operators import add_operator, operator_to_dict
    password = read_password(args.password_file, who=args.username)
    database = open_db(args)
    try:
        with database.session() as session:
            operator = add_operator(session, username=args.username, role=Role(args.role),
                                    password=password, full_name=args.name,
                                    actor=actor_of(args))
            result = operator_to_dict(operator)
    finally:
        database.dispose()
    if args.json:
        print_json(result)
    else:
        print(f"operator {result['username']} added ({result['role']})")
    return 0


def run_list(args) -> int:
    from dispatch.operators import list_operators, operator_to_dict
    database = open_db(args)
    try:
        with database.session() as session:
            rows = [operator_to_dict(operator) for operator in list_operators(session)]
    finally:
        database.dispose()
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        state = ("locked until " + row["locked_until"] if row["locked_until"]
                 else "active" if row["can_sign_in"]
                 else "no password yet" if row["active"] else "disabled")
        print(f"{row['username']:<16} {row['role']:<11} {state:<28} {row['full_name']}")
    return 0


def run_disable(args) -> int:
    from dispatch.operators import disable_operator
    database = open_db(args)
    try:
        with database.session() as session:
            disable_operator(session, username=args.username, actor=actor_of(args))
    finally:
        database.dispose()
    print(f"operator {args.username} disabled")
    return 0


def run_reset(args) -> int:
    from dispatch.operators import reset_password
    password = read_password(args.password_file, who=args.username)
    database = open_db(args)
    try:
        with database.session() as session:
            reset_password(session, username=args.username, password=password,
                           actor=actor_of(args))
    finally:
        database.dispose()
    print(f"new password set for {args.username}; the account is unlocked")
    return 0


__all__ = ["add_commands", "named_operator", "read_password"]

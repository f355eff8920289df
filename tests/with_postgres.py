"""Run a command with a throw-away PostgreSQL server, then stop the server.

`make test` wraps pytest in this, so the server stops even if pytest dies
(a native crash in a softphone test skips fixture teardown).
Usage: python tests/with_postgres.py -- COMMAND...
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pgserver import ThrowawayPostgres  # noqa: E402


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1:]
    if not argv:
        print("usage: with_postgres.py -- COMMAND...", file=sys.stderr)
        return 2
    server = ThrowawayPostgres()
    url = server.start()
    print(f"throw-away PostgreSQL on 127.0.0.1:{server.port}", flush=True)
    try:
        env = dict(os.environ, SAFEDESK_TEST_PG_URL=url)
        return subprocess.call(argv, env=env)
    finally:
        server.stop()
        print("throw-away PostgreSQL stopped", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

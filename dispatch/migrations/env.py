"""Alembic environment: the engine comes from dispatch.migrate, never from a
URL in an ini file, so the desk and the tests migrate the same way."""
from alembic import context

from dispatch.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    raise RuntimeError("run migrations through dispatch.migrate, which passes the engine")

with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    # SQLite's batch mode rebuilds a table (copy, drop, rename): dropping a parent
    # the timeline points at fails with foreign keys on. They can only be turned off
    # outside a transaction, so on the driver's connection, before ours begins; what
    # the migration leaves is checked before it commits.
    driver = connection.connection.driver_connection if sqlite else None
    if driver is not None:
        driver.execute("PRAGMA foreign_keys=OFF")
    try:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
            render_as_batch=sqlite,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            if driver is not None:
                dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if dangling:
                    raise RuntimeError(f"a migration left rows without their parent: "
                                       f"{dangling[:5]}")
        connection.commit()
    except BaseException:
        if driver is not None:  # never back to the pool with its foreign keys off
            connection.invalidate()
        raise
    if driver is not None:
        driver.execute("PRAGMA foreign_keys=ON")

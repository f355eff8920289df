"""Alembic environment: the engine comes from dispatch.migrate, never from a
URL in an ini file, so the desk and the tests migrate the same way."""
from alembic import context

from dispatch.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    raise RuntimeError("run migrations through dispatch.migrate, which passes the engine")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()

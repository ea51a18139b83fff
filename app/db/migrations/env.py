"""Alembic environment: always run with a connection handed in by ``app.db.migrate``."""

from alembic import context

from app.db import models  # noqa: F401  (registers the tables)
from app.db.base import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the app drives migrations
    raise RuntimeError("run migrations through app.db.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

"""The migrations and the models describe the same schema."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app.db.base import Base
from app.services.search import index


def test_models_match_migrations(db):
    with db.engine.connect() as conn:
        # FTS5 virtual tables (and their shadow tables) are the search index, not ORM tables
        opts = {"compare_type": False, "include_name": lambda name, kind, _p: not (
            kind == "table" and index.is_index_table(name or ""))}
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)
    assert diff == []

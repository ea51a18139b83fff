"""Database: engine, models, migrations and the session helper."""

from app.db.database import Database, DatabaseError, open_database

__all__ = ["Database", "DatabaseError", "open_database"]

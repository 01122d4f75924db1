"""Engines, migrations, the seed loader and the direct SQLite reader."""

# Writers wait this long for a lock instead of failing; readers of either kind
# (SQLAlchemy's engine, db.direct) use the same.
SQLITE_BUSY_TIMEOUT_MS = 30_000

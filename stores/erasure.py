"""Erase conversations from Rasa's SQL `events` table so that their text is gone from the files too.

On SQLite, deleted rows stay readable in free pages unless `secure_delete` is on, and in WAL mode the old page
versions stay in the `-wal` file until a checkpoint; so this deletes with `PRAGMA secure_delete = ON` and then
runs `PRAGMA wal_checkpoint(TRUNCATE)`, which copies the zeroed pages into the database and empties the -wal
file. On PostgreSQL the space is reclaimed by (auto)vacuum. Used by scripts/forget_user.py and by the chat's
"forget me" command (channels/erasure.py), which holds the conversation's lock while it runs.
"""

from __future__ import annotations

import time
from typing import Sequence

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore

EVENTS = SQLTrackerStore.SQLEvent.__table__


def checkpoint(engine: sa.engine.Engine, attempts: int = 20) -> bool:
    """Move the -wal file's pages into the database and truncate it; False if readers kept it busy."""
    if engine.dialect.name != "sqlite":
        return True
    for _ in range(attempts):
        with engine.connect() as connection:
            busy = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if not busy:
            return True
        time.sleep(0.05)
    return False


def erase(engine: sa.engine.Engine, sender_ids: Sequence[str]) -> tuple[int, int]:
    """Delete every event of these conversations; return (conversations, events) deleted."""
    if not sender_ids or not sa.inspect(engine).has_table(EVENTS.name):
        return 0, 0
    conversations = deleted = 0
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA secure_delete = ON")
        for start in range(0, len(sender_ids), 500):
            where = EVENTS.c.sender_id.in_(list(sender_ids[start : start + 500]))
            conversations += connection.execute(
                sa.select(sa.func.count(sa.distinct(EVENTS.c.sender_id))).where(where)
            ).scalar()
            deleted += connection.execute(EVENTS.delete().where(where)).rowcount
    checkpoint(engine)
    return conversations, deleted

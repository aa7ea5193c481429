"""SQLTrackerStore on SQLite with a kept-open connection, WAL journal and `PRAGMA synchronous` (bench lever).

Rasa's SQLTrackerStore on SQLite (SQLAlchemy 1.4: NullPool) opens a new connection for every query block,
so each message pays connection set-up and, in WAL mode, a checkpoint + WAL delete when the last
connection closes. Each save is a commit, which on the default rollback journal fsyncs several times
(about 5 ms each on this disk) while holding Rasa's event loop. This subclass keeps pooled connections
(Rasa uses them from one thread; sessions never span an await) and sets the journal mode and sync level
on every connection. synchronous=NORMAL in WAL mode does not fsync on commit (only at checkpoints): a
power cut can lose the last commits but never corrupts the file. Use it from an endpoints file:

    tracker_store:
      type: bench.sqlite_wal.FastSQLiteTrackerStore
      dialect: sqlite
      db: var/careerbot.db
      journal_mode: WAL
      synchronous: NORMAL
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore

_JOURNAL = {"DELETE", "TRUNCATE", "PERSIST", "WAL"}
_SYNC = {"OFF", "NORMAL", "FULL", "EXTRA"}


class FastSQLiteTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, journal_mode: str = "WAL", synchronous: str = "NORMAL", **kwargs: Any) -> None:
        self._journal, self._sync = str(journal_mode).upper(), str(synchronous).upper()
        if self._journal not in _JOURNAL or self._sync not in _SYNC:
            raise ValueError(f"journal_mode must be one of {_JOURNAL}, synchronous one of {_SYNC}")
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name != "sqlite":
            return
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(
            url,
            poolclass=sa.pool.QueuePool,
            pool_size=1,
            max_overflow=4,
            connect_args={"check_same_thread": False},
        )
        sa.event.listen(self.engine, "connect", self._pragmas)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    def _pragmas(self, dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA journal_mode={self._journal}")
        cursor.execute(f"PRAGMA synchronous={self._sync}")
        cursor.close()

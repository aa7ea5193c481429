"""Rasa's SQLTrackerStore with a bounded start-up wait, and fast durable writes on SQLite.

Used from the endpoints files as `type: stores.tracker_store.CareerbotSQLTrackerStore` with the keys of Rasa's
`type: SQL` store (dialect, url, port, db, username, password, query, login_db) plus:

- `connect_timeout` (seconds, default 30): Rasa's own store retries an unreachable database every 5 s forever,
  so a wrong host or a stopped PostgreSQL looks like a hung server. This one waits at most that long, then
  stops start-up with one line that names the database (never the password) and the reason.
- `journal_mode` (default WAL) and `synchronous` (default NORMAL), SQLite only: Rasa opens a new SQLite
  connection for every query and commits with several fsyncs while holding its event loop. Kept-open
  connections in WAL mode with synchronous=NORMAL do not fsync on commit (only at checkpoints): a power cut
  can lose the last turns but never corrupts the file. Measured in reports/bench.md.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.exceptions import RasaException

logger = logging.getLogger(__name__)

JOURNAL_MODES = ("DELETE", "TRUNCATE", "PERSIST", "WAL")
SYNC_LEVELS = ("OFF", "NORMAL", "FULL", "EXTRA")
RETRY_SECONDS = 2.0


class TrackerStoreUnavailable(RasaException):
    """The conversation database could not be reached within the configured time."""


def _describe(url: sa.engine.URL) -> str:
    """Where the database is, without credentials (safe for logs and error messages)."""
    if url.get_backend_name() == "sqlite":
        return f"SQLite file {url.database}"
    return f"{url.get_backend_name()} database '{url.database}' at {url.host}:{url.port or 'default port'}"


def _reason(error: BaseException) -> str:
    """The driver's own first line of the error (e.g. 'Connection refused'), without SQLAlchemy's wrapping."""
    original = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    return lines[0] if lines else type(original).__name__


def wait_for_database(url: sa.engine.URL, timeout: float) -> None:
    """Connect once, retrying for up to `timeout` seconds; raise TrackerStoreUnavailable with one clear line."""
    connect_args = {"connect_timeout": max(1, int(min(timeout, 10)))} if url.get_backend_name() == "postgresql" else {}
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool, connect_args=connect_args)
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                with engine.connect():
                    return
            except sa.exc.SQLAlchemyError as error:
                if time.monotonic() + RETRY_SECONDS > deadline:
                    raise TrackerStoreUnavailable(
                        f"careerbot cannot reach its tracker store ({_describe(url)}) after {timeout:g} s: "
                        f"{_reason(error)}. Start the database or fix the tracker_store settings in the endpoints "
                        "file (see docs/scaling.md)."
                    ) from None
                logger.warning(f"Tracker store not reachable yet ({_reason(error)}); retrying.")
                time.sleep(RETRY_SECONDS)
    finally:
        engine.dispose()


class CareerbotSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that fails fast and clearly when its database is unreachable; WAL on SQLite."""

    def __init__(
        self,
        *args: Any,
        connect_timeout: float | str = 30,
        journal_mode: str = "WAL",
        synchronous: str = "NORMAL",
        **kwargs: Any,
    ) -> None:
        self._journal, self._sync = str(journal_mode).upper(), str(synchronous).upper()
        if self._journal not in JOURNAL_MODES or self._sync not in SYNC_LEVELS:
            raise TrackerStoreUnavailable(
                f"tracker_store: journal_mode must be one of {', '.join(JOURNAL_MODES)} and synchronous one of "
                f"{', '.join(SYNC_LEVELS)} (got {journal_mode!r}, {synchronous!r})"
            )
        try:
            timeout = float(connect_timeout)
        except ValueError:
            raise TrackerStoreUnavailable(
                f"tracker_store: connect_timeout must be seconds, not {connect_timeout!r}"
            ) from None
        wait_for_database(self._url(**kwargs), timeout)
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            self._use_kept_open_sqlite_connections()

    @staticmethod
    def _url(
        dialect: str = "sqlite",
        host: str | None = None,
        port: int | None = None,
        db: str = "rasa.db",
        username: str | None = None,
        password: str | None = None,
        login_db: str | None = None,
        query: dict | None = None,
        **_: Any,
    ) -> sa.engine.URL:
        """The URL Rasa itself will connect to first (the login database when one is configured)."""
        return SQLTrackerStore.get_db_url(dialect, host, port, login_db or db, username, password, query=query)

    def _use_kept_open_sqlite_connections(self) -> None:
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(
            url,
            poolclass=sa.pool.QueuePool,
            pool_size=1,
            max_overflow=4,
            # Rasa uses a session from its event-loop thread only and never across an await.
            connect_args={"check_same_thread": False},
        )
        sa.event.listen(self.engine, "connect", self._set_pragmas)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    def _set_pragmas(self, dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA journal_mode={self._journal}")
        cursor.execute(f"PRAGMA synchronous={self._sync}")
        cursor.close()

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
- `cache_size` (conversations, default 1000; 0 switches it off): Rasa re-reads and re-parses every event of a
  conversation from the database on every turn. This store keeps the latest session's stored events (as the
  JSON text it wrote) for the most recently active conversations and re-reads only when the database changed
  underneath: each turn first asks the database for the conversation's row count and highest row id, so a
  deletion by scripts/forget_user.py or a write by another Rasa instance (endpoints.prod.yml) is always seen.
  On SQLite it first asks the connection instead whether anything at all changed since its last look (`PRAGMA
  data_version`, which moves when any other connection commits, and the connection's own `total_changes`):
  when nothing did, as on every turn of `make serve`'s single Rasa process, no query about the conversation is
  needed; when anything did, the whole cache is dropped and the turn goes the way above.
  New events are written with one multi-row INSERT instead of one ORM object per event.

A database error for one conversation never stops the process (Rasa's store exits on any ValueError inside its
session scope): see `session_scope` and ConversationStoreError. SQLite database files are made 0600.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Iterator

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, ensure_schema_exists
from rasa.shared.core.constants import ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from patches import check as _check_patch
from patches.event_classes import resolve_by_type

logger = logging.getLogger(__name__)
_check_patch("rasa.SQLTrackerStore private reads")  # _retrieve / _event_query / session_scope below
_check_patch("rasa.SQLTrackerStore.session_scope")  # overridden below: no SystemExit for one conversation

JOURNAL_MODES = ("DELETE", "TRUNCATE", "PERSIST", "WAL")
SYNC_LEVELS = ("OFF", "NORMAL", "FULL", "EXTRA")
RETRY_SECONDS = 2.0


class TrackerStoreUnavailable(RasaException):
    """The conversation database could not be reached within the configured time."""


class ConversationStoreError(RuntimeError):
    """Reading or writing one conversation failed (e.g. a value the database driver refuses to encode).

    Rasa's SQLTrackerStore.session_scope turns any ValueError raised inside it (UnicodeEncodeError for a lone
    surrogate on SQLite, psycopg2's "A string literal cannot contain NUL" on PostgreSQL) into SystemExit(1), which
    stopped the whole server for one request. Here such an error is this exception instead: the message guard
    (channels/guard.py) turns it into that conversation's apology, and the server goes on.
    """


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


def restrict_sqlite_file(url: sa.engine.URL) -> None:
    """Conversations are personal data: the SQLite file (and its -wal/-shm, which SQLite creates with the
    database's mode) readable by the owner only, 0600, whatever the umask."""
    path = url.database if url.get_backend_name() == "sqlite" else None
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    try:
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError:
        return  # e.g. its folder is missing: wait_for_database reports it in one clear line
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path + suffix, 0o600)


def _deserialise_events(dicts: list[dict[str, Any]]) -> list[Event]:
    """rasa.shared.core.events.deserialise_events with the event class lookup remembered (patches/event_classes.py:
    Rasa's own lookup walks every Event subclass on every call, ~0.1 ms)."""
    events = []
    for parameters in dicts:
        event_class = resolve_by_type(parameters["event"]) if "event" in parameters else None
        event = event_class._from_parameters(parameters) if event_class else None
        if event is not None:
            events.append(event)
    return events


_Fingerprint = tuple[int, int | None]  # (rows of the conversation, highest row id)


def _latest_session(rows: list[dict[str, Any]]) -> list[str]:
    """The `data` of the rows Rasa's latest-session query returns, for a conversation whose rows are all here.

    Same rule as SQLTrackerStore._event_query: rows whose timestamp is at least the highest SessionStarted
    timestamp, in insertion order; every row when no SessionStarted row has a timestamp.
    """
    starts = [row["timestamp"] for row in rows if row["type_name"] == SessionStarted.type_name]
    starts = [timestamp for timestamp in starts if timestamp is not None]
    if not starts:
        return [row["data"] for row in rows]
    start = max(starts)
    return [row["data"] for row in rows if row["timestamp"] is not None and row["timestamp"] >= start]


@dataclass
class _CachedSession:
    """The latest session's events of one conversation as stored, and the database state they match."""

    fingerprint: _Fingerprint | None  # None: made on SQLite without asking (see _unchanged_since_last_look)
    events_json: list[str]  # the `data` column of the latest session's rows, in id order


# Built once: SQLAlchemy memoizes a statement's cache key on the statement object, so reusing these skips the
# per-query key computation that a statement built per call pays (a visible share of the profile).
_EVENT = SQLTrackerStore.SQLEvent
_FINGERPRINT = sa.select(sa.func.count(_EVENT.id), sa.func.max(_EVENT.id)).where(
    _EVENT.sender_id == sa.bindparam("sender_id")
)
_INSERT = _EVENT.__table__.insert()
_LAST_LOOK = "careerbot_last_look"  # in a pooled SQLite connection's info: (data_version, total_changes)


class CareerbotSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that fails fast and clearly when its database is unreachable; WAL on SQLite; cached reads."""

    def __init__(
        self,
        *args: Any,
        connect_timeout: float | str = 30,
        journal_mode: str = "WAL",
        synchronous: str = "NORMAL",
        cache_size: int | str = 1000,
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
        try:
            self._cache_size = int(cache_size)
        except ValueError:
            self._cache_size = -1
        if self._cache_size < 0:
            raise TrackerStoreUnavailable(
                f"tracker_store: cache_size must be a number of conversations (0 = off), not {cache_size!r}"
            )
        self._cache: OrderedDict[str, _CachedSession] = OrderedDict()
        restrict_sqlite_file(self._url(**kwargs))
        wait_for_database(self._url(**kwargs), timeout)
        super().__init__(*args, **kwargs)
        self._watch_sqlite_changes = False
        if self.engine.dialect.name == "sqlite":
            self._use_kept_open_sqlite_connections()
            self._watch_sqlite_changes = self._cache_size > 0

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

    @contextlib.contextmanager
    def session_scope(self) -> Iterator[sa.orm.Session]:
        """Rasa's session scope, minus its SystemExit: an error for one conversation is that conversation's error.

        Rasa's version runs its schema check (ensure_schema_exists, PostgreSQL's POSTGRESQL_SCHEMA) and the
        caller's queries in one try whose ValueError handler exits the process. The schema check keeps that
        meaning (a missing schema is a configuration error, found at start-up); any ValueError from the queries
        becomes a ConversationStoreError.
        """
        session = self.sessionmaker()
        try:
            try:
                ensure_schema_exists(session)
            except ValueError as e:
                raise TrackerStoreUnavailable(
                    f"Requested PostgreSQL schema '{e}' was not found in the database: create it, or unset "
                    "POSTGRESQL_SCHEMA to use the default schema."
                ) from None
            try:
                yield session
            except ValueError as e:
                session.rollback()
                raise ConversationStoreError(
                    f"the tracker store refused a conversation's data: {type(e).__name__}"
                ) from e
        finally:
            session.close()

    # Cached reads and batched writes. Rasa calls retrieve() and save() from its event loop, one turn of a
    # conversation at a time (lock store), so the cache needs no locking of its own.

    def _fingerprint(self, session: sa.orm.Session, sender_id: str) -> _Fingerprint:
        """Row count and highest row id of the conversation: changes with any insert or delete of its rows."""
        count, last_id = session.execute(_FINGERPRINT, {"sender_id": sender_id}).one()
        return int(count), last_id

    def _unchanged_since_last_look(self, session: sa.orm.Session) -> bool:
        """SQLite: True when nobody (another connection, process or Rasa instance, nor a write on this connection
        outside `save`) changed the database since this connection's last look; then every cached session is still
        what the database holds. On a change, the whole cache is dropped (a deletion elsewhere may concern any
        cached conversation) and False returned. Always False on other databases.

        SQLite's `PRAGMA data_version` changes when another connection commits; the connection's own writes move
        its `total_changes`. Both are read from the connection (no table is touched) and kept per connection.
        """
        if not self._watch_sqlite_changes:
            return False
        fairy = session.connection().connection
        cursor = fairy.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            (data_version,) = cursor.fetchone()
        finally:
            cursor.close()
        now = (data_version, fairy.dbapi_connection.total_changes)
        last = fairy.info.get(_LAST_LOOK)
        fairy.info[_LAST_LOOK] = now
        if last == now:
            return True
        self._cache.clear()
        return False

    def _commit_as_seen(self, session: sa.orm.Session) -> None:
        """Commit this store's own write and count it as seen. The data_version kept is the one read before the
        write, so another connection's commit in between is still noticed at the next look; a failed commit
        leaves the last look behind total_changes, so the next look drops the cache."""
        if not self._watch_sqlite_changes:
            session.commit()
            return
        fairy = session.connection().connection
        info, connection = fairy.info, fairy.dbapi_connection  # the session lets the connection go on commit
        session.commit()
        data_version, _ = info.get(_LAST_LOOK, (None, None))
        info[_LAST_LOOK] = (data_version, connection.total_changes)

    def _cached(self, session: sa.orm.Session, sender_id: str) -> tuple[_CachedSession | None, _Fingerprint | None]:
        """The cached session if the database still holds exactly what it was built from, and the fingerprint
        (None when the cached session was taken without asking the database: nothing changed since it was made)."""
        if self._unchanged_since_last_look(session):
            entry = self._cache.get(sender_id)
            if entry is not None:
                self._cache.move_to_end(sender_id)
                return entry, None
        fingerprint = self._fingerprint(session, sender_id)
        entry = self._cache.get(sender_id)
        if entry is None:
            return None, fingerprint
        if entry.fingerprint is None or entry.fingerprint != fingerprint:
            del self._cache[sender_id]
            return None, fingerprint
        self._cache.move_to_end(sender_id)
        return entry, fingerprint

    def _remember(self, sender_id: str, entry: _CachedSession) -> None:
        if self._cache_size == 0:
            return
        self._cache[sender_id] = entry
        self._cache.move_to_end(sender_id)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        if fetch_events_from_all_sessions:
            return await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        with self.session_scope() as session:
            entry, fingerprint = self._cached(session, sender_id)
            if entry is None:
                if fingerprint is not None and fingerprint[0] == 0:  # a new conversation (a first turn): no rows
                    rows = []
                else:
                    rows = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).all()
                entry = _CachedSession(fingerprint, [row.data for row in rows])
                if rows:
                    self._remember(sender_id, entry)
        if not self.domain or not entry.events_json:
            logger.debug(f"No stored conversation for sender id '{sender_id}'.")
            return None
        # One parse of the whole list: the same dicts Rasa's per-row json.loads would give.
        events = _deserialise_events(json.loads("[" + ",".join(entry.events_json) + "]"))
        return DialogueStateTracker.from_events(sender_id, events, self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the events the database does not have yet, in one INSERT, and keep the cache in step."""
        await self.stream_events(tracker)
        sender_id = tracker.sender_id
        with self.session_scope() as session:
            entry, before = self._cached(session, sender_id)
            if entry is not None:
                stored = len(entry.events_json)
            elif before is not None and before[0] == 0:  # a new conversation: nothing stored
                stored = 0
            else:
                stored = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).count()
            new_events = list(itertools.islice(tracker.events, stored, None))
            rows = []
            for event in new_events:
                data = event.as_dict()
                rows.append(
                    {
                        "sender_id": sender_id,
                        "type_name": event.type_name,
                        "timestamp": data.get("timestamp"),
                        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                        "action_name": data.get("name"),
                        "data": json.dumps(data),
                    }
                )
            if rows:
                session.execute(_INSERT, rows)
            starts_session = any(
                isinstance(event, SessionStarted)
                or (isinstance(event, ActionExecuted) and event.action_name == ACTION_SESSION_START_NAME)
                for event in new_events
            )
            if entry is not None and not starts_session:
                # Still the same session: the cache is what a fresh read would return.
                latest = entry.events_json + [row["data"] for row in rows]
            elif before is not None and before[0] == 0:
                # A new conversation: its rows are all in `rows`, so Rasa's latest-session query can be
                # answered here (rows from the latest SessionStarted's timestamp on; all when there is none).
                latest = _latest_session(rows)
            else:
                # A later session: the next retrieve reads the database once, as Rasa does.
                latest = None
            if latest is None:
                self._cache.pop(sender_id, None)
            else:
                fingerprint = None if self._watch_sqlite_changes else self._fingerprint(session, sender_id)
                self._remember(sender_id, _CachedSession(fingerprint, latest))
            self._commit_as_seen(session)
        logger.debug(f"Tracker with sender_id '{sender_id}' stored to database")

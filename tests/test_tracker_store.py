"""careerbot's SQL tracker store: WAL on SQLite, a bounded, readable failure when the database is unreachable, the
conversation cache, erasure that leaves no text behind, a store error as one conversation's error (never a process
exit), and owner-only SQLite files."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from stores.tracker_store import (
    CareerbotSQLTrackerStore,
    ConversationStoreError,
    TrackerStoreUnavailable,
    wait_for_database,
)

ROOT = Path(__file__).resolve().parents[1]


def test_sqlite_store_uses_wal_and_keeps_conversations(tmp_path: Path):
    db, domain = tmp_path / "careerbot.db", Domain.load(ROOT / "domain.yml")
    store = CareerbotSQLTrackerStore(domain=domain, dialect="sqlite", db=str(db))
    tracker = DialogueStateTracker.from_events("alice", [UserUttered("hi"), SlotSet("role", "ai_engineer")])
    asyncio.run(store.save(tracker))
    again = CareerbotSQLTrackerStore(domain=domain, dialect="sqlite", db=str(db))
    restored = asyncio.run(again.retrieve("alice"))
    assert restored is not None and restored.get_slot("role") == "ai_engineer"
    with again.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_unopenable_sqlite_file_fails_within_the_timeout(tmp_path: Path):
    started = time.monotonic()
    with pytest.raises(TrackerStoreUnavailable) as error:
        CareerbotSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "missing-dir" / "x.db"), connect_timeout=1)
    assert time.monotonic() - started < 10
    assert "cannot reach its tracker store (SQLite file" in str(error.value)
    assert "unable to open database file" in str(error.value)


def test_error_names_the_server_but_never_the_password():
    url = sa.engine.URL.create("postgresql", "bot", "hunter2", "127.0.0.1", 1, "careerbot")
    with pytest.raises(TrackerStoreUnavailable) as error:
        wait_for_database(url, timeout=0)
    message = str(error.value)
    assert "postgresql database 'careerbot' at 127.0.0.1:1" in message and "hunter2" not in message


@pytest.mark.parametrize(
    "setting", [{"journal_mode": "FAST"}, {"synchronous": "sometimes"}, {"connect_timeout": "x"}, {"cache_size": "-1"}]
)
def test_bad_settings_are_refused_with_a_message(tmp_path: Path, setting: dict):
    with pytest.raises(TrackerStoreUnavailable, match="tracker_store: "):
        CareerbotSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "x.db"), **setting)


def _turn(tracker: DialogueStateTracker, text: str, role: str) -> None:
    """The events one user turn adds, as Rasa's processor appends them."""
    tracker.update(UserUttered(text, {"name": "ask_salary", "confidence": 0.9}))
    tracker.update(ActionExecuted("action_answer_question"))
    tracker.update(SlotSet("role", role))
    tracker.update(BotUttered(f"answer to {text}"))
    tracker.update(ActionExecuted("action_listen"))


def _as_stored(tracker: DialogueStateTracker | None) -> list[dict] | None:
    return None if tracker is None else [event.as_dict() for event in tracker.events]


async def _converse(store: CareerbotSQLTrackerStore, sender: str, turns: int) -> None:
    for turn in range(turns):
        tracker = await store.retrieve(sender)
        if tracker is None:
            tracker = DialogueStateTracker(sender, store.domain.slots)
            tracker.update(ActionExecuted("action_session_start"))
            tracker.update(SessionStarted())
            tracker.update(ActionExecuted("action_listen"))
        _turn(tracker, f"question {turn}", "ai_engineer" if turn % 2 else "ml_engineer")
        await store.save(tracker)


@pytest.fixture
def stores(tmp_path: Path) -> tuple[CareerbotSQLTrackerStore, SQLTrackerStore]:
    """careerbot's cached store and Rasa's own store on the same SQLite file."""
    db, domain = str(tmp_path / "careerbot.db"), Domain.load(ROOT / "domain.yml")
    return (
        CareerbotSQLTrackerStore(domain=domain, dialect="sqlite", db=db),
        SQLTrackerStore(domain=domain, dialect="sqlite", db=db),
    )


def test_cached_reads_return_what_rasa_reads_from_the_database(stores):
    cached, stock = stores

    async def scenario() -> None:
        await _converse(cached, "bob", turns=4)
        assert "bob" in cached._cache  # turns 2-4 were served from the cache
        assert _as_stored(await cached.retrieve("bob")) == _as_stored(await stock.retrieve("bob"))
        assert (
            len((await stock.retrieve("bob")).events) == 2 + 4 * 5
        )  # every event written once (the session is read from SessionStarted on)

    asyncio.run(scenario())


def test_a_new_conversation_is_cached_from_its_first_turn(stores):
    cached, stock = stores

    async def scenario() -> None:
        await _converse(cached, "erin", turns=1)
        assert "erin" in cached._cache  # filled by the first save, without reading the database back
        assert _as_stored(await cached.retrieve("erin")) == _as_stored(await stock.retrieve("erin"))

    asyncio.run(scenario())


def test_rows_deleted_or_written_elsewhere_are_seen(stores):
    cached, stock = stores

    async def scenario() -> None:
        await _converse(cached, "carol", turns=3)
        tracker = await stock.retrieve("carol")  # another Rasa instance answers a turn
        _turn(tracker, "from elsewhere", "ai_engineer")
        await stock.save(tracker)
        assert _as_stored(await cached.retrieve("carol")) == _as_stored(await stock.retrieve("carol"))
        with cached.session_scope() as session:  # scripts/forget_user.py erases the conversation
            session.query(cached.SQLEvent).filter(cached.SQLEvent.sender_id == "carol").delete()
            session.commit()
        assert await cached.retrieve("carol") is None
        await _converse(cached, "carol", turns=1)
        assert len((await stock.retrieve("carol")).events) == 2 + 5  # a fresh conversation, nothing resurrected

    asyncio.run(scenario())


def test_on_sqlite_a_cached_turn_asks_the_database_nothing_about_the_conversation(stores, monkeypatch):
    """Nothing changed since the store's last look (SQLite's data_version and the connection's own changes): the
    cached session is served without the count query, and save writes without one."""
    cached, stock = stores
    asked: list[str] = []
    original = CareerbotSQLTrackerStore._fingerprint
    monkeypatch.setattr(
        CareerbotSQLTrackerStore,
        "_fingerprint",
        lambda self, s, sender: asked.append(sender) or original(self, s, sender),
    )

    async def scenario() -> None:
        await _converse(cached, "fay", turns=1)
        asked.clear()
        await _converse(cached, "fay", turns=3)
        assert asked == []
        assert _as_stored(await cached.retrieve("fay")) == _as_stored(await stock.retrieve("fay"))

    asyncio.run(scenario())


def test_a_first_turn_reads_no_events(stores, monkeypatch):
    """The count says the conversation is new: the latest-session query is not run (nothing to read)."""
    cached, stock = stores
    queried: list[str] = []
    original = CareerbotSQLTrackerStore._event_query
    monkeypatch.setattr(
        CareerbotSQLTrackerStore,
        "_event_query",
        lambda self, s, sender, **kw: queried.append(sender) or original(self, s, sender, **kw),
    )
    asyncio.run(_converse(cached, "jo", turns=2))
    assert queried == []
    assert _as_stored(asyncio.run(cached.retrieve("jo"))) == _as_stored(asyncio.run(stock.retrieve("jo")))


def test_a_deletion_elsewhere_is_seen_for_every_cached_conversation(stores):
    """A change noticed while reading one conversation drops the whole cache: the deleted one may be another."""
    cached, stock = stores

    async def scenario() -> None:
        await _converse(cached, "gus", turns=2)
        await _converse(cached, "hal", turns=2)
        engine = sa.create_engine(f"sqlite:///{stock.engine.url.database}")  # scripts/forget_user.py's connection
        with engine.begin() as connection:
            connection.execute(sa.text("DELETE FROM events WHERE sender_id = 'gus'"))
        engine.dispose()
        assert _as_stored(await cached.retrieve("hal")) == _as_stored(await stock.retrieve("hal"))
        assert await cached.retrieve("gus") is None

    asyncio.run(scenario())


def test_an_erasure_on_the_stores_own_engine_is_seen_without_touching_the_cache(stores):
    from stores.erasure import erase

    cached, _ = stores

    async def scenario() -> None:
        await _converse(cached, "ida", turns=2)
        assert "ida" in cached._cache
        assert erase(cached.engine, ["ida"])[0] == 1  # on the same pooled connection: its own changes
        assert await cached.retrieve("ida") is None

    asyncio.run(scenario())


def test_a_new_session_is_read_as_rasa_reads_it(stores):
    cached, stock = stores

    async def scenario() -> None:
        await _converse(cached, "dave", turns=2)
        tracker = await cached.retrieve("dave")  # the session expired: Rasa starts a new one on this tracker
        tracker.update(ActionExecuted("action_session_start"))
        tracker.update(SessionStarted())
        tracker.update(ActionExecuted("action_listen"))
        _turn(tracker, "after a break", "ml_engineer")
        await cached.save(tracker)
        latest = await cached.retrieve("dave")
        assert _as_stored(latest) == _as_stored(await stock.retrieve("dave"))
        assert latest.events[0].type_name == "session_started"  # only the latest session, as in Rasa

    asyncio.run(scenario())


def test_cache_holds_at_most_cache_size_conversations(tmp_path: Path):
    store = CareerbotSQLTrackerStore(
        domain=Domain.load(ROOT / "domain.yml"), dialect="sqlite", db=str(tmp_path / "c.db"), cache_size=2
    )
    for sender in ("a", "b", "c"):
        asyncio.run(_converse(store, sender, turns=2))
    assert list(store._cache) == ["b", "c"]
    off = CareerbotSQLTrackerStore(domain=store.domain, dialect="sqlite", db=str(tmp_path / "c.db"), cache_size=0)
    asyncio.run(_converse(off, "a", turns=2))
    assert not off._cache and len(asyncio.run(off.retrieve("a")).events) == 2 + 4 * 5


@pytest.mark.parametrize("how", ["forget_user.py", "stores.erasure"])
def test_erasure_leaves_no_text_in_the_database_or_its_wal_file(tmp_path: Path, how: str):
    """Deleted text must be gone from the bytes on disk, including the -wal file a running server keeps."""
    import subprocess
    import sys

    from stores.erasure import erase

    db = tmp_path / "careerbot.db"
    store = CareerbotSQLTrackerStore(domain=Domain.empty(), dialect="sqlite", db=str(db))  # WAL, kept open
    for sender, text in (("erased", "giraffe-secret-words"), ("kept", "kept-words")):
        tracker = DialogueStateTracker(sender, [])
        tracker.update(UserUttered(text))
        asyncio.run(store.save(tracker))
    wal = tmp_path / "careerbot.db-wal"

    def on_disk() -> bytes:
        return db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")

    assert b"giraffe-secret-words" in on_disk()
    if how == "stores.erasure":
        assert erase(store.engine, ["erased"]) == (1, 1)
    else:
        endpoints = tmp_path / "endpoints.yml"
        endpoints.write_text(
            f"tracker_store:\n  type: stores.tracker_store.CareerbotSQLTrackerStore\n  dialect: sqlite\n  db: {db}\n"
        )
        root = Path(__file__).resolve().parents[1]
        done = subprocess.run(
            [sys.executable, "scripts/forget_user.py", "--endpoints", str(endpoints), "erased"],
            cwd=root,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    assert b"giraffe-secret-words" not in on_disk()
    assert b"kept-words" in on_disk()
    assert not wal.exists() or wal.stat().st_size == 0
    store.engine.dispose()


@pytest.mark.parametrize("sender", ["pt\udfff", "\ud800", "a\udc00b"])
def test_an_unencodable_sender_is_that_conversations_error_not_a_process_exit(tmp_path: Path, sender: str):
    """Rasa's own store turns the UnicodeEncodeError into SystemExit(1); this one raises an ordinary error."""
    domain = Domain.load(ROOT / "domain.yml")
    store = CareerbotSQLTrackerStore(domain=domain, dialect="sqlite", db=str(tmp_path / "careerbot.db"))
    with pytest.raises(ConversationStoreError):
        asyncio.run(store.retrieve(sender))
    with pytest.raises(ConversationStoreError):
        asyncio.run(store.save(DialogueStateTracker.from_events(sender, [UserUttered("hi")])))
    asyncio.run(store.save(DialogueStateTracker.from_events("next-person", [UserUttered("hi")])))
    assert asyncio.run(store.retrieve("next-person")) is not None


def test_rasas_own_store_would_exit_on_the_same_sender(tmp_path: Path):
    """Why the override exists: if Rasa's session_scope stops exiting, this test says the override can go."""
    store = SQLTrackerStore(dialect="sqlite", db=str(tmp_path / "rasa.db"))
    with pytest.raises(SystemExit):
        asyncio.run(store.retrieve("pt\udfff"))


def test_sqlite_files_are_owner_only(tmp_path: Path):
    db = tmp_path / "careerbot.db"
    store = CareerbotSQLTrackerStore(domain=Domain.load(ROOT / "domain.yml"), dialect="sqlite", db=str(db))
    asyncio.run(store.save(DialogueStateTracker.from_events("alice", [UserUttered("hi")])))
    for path in (db, db.with_name(db.name + "-wal")):
        assert path.stat().st_mode & 0o777 == 0o600, (path, oct(path.stat().st_mode))

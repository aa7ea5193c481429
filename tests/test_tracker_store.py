"""careerbot's SQL tracker store: WAL on SQLite, and a bounded, readable failure when the database is unreachable."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from stores.tracker_store import CareerbotSQLTrackerStore, TrackerStoreUnavailable, wait_for_database

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


@pytest.mark.parametrize("setting", [{"journal_mode": "FAST"}, {"synchronous": "sometimes"}, {"connect_timeout": "x"}])
def test_bad_settings_are_refused_with_a_message(tmp_path: Path, setting: dict):
    with pytest.raises(TrackerStoreUnavailable, match="tracker_store: "):
        CareerbotSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "x.db"), **setting)

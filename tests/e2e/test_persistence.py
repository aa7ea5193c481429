"""The default setup (endpoints.yml: SQLite tracker store in var/) keeps conversations across a restart
of the Rasa server, and scripts/forget_user.py erases one user's conversation or old ones.

The Rasa server here runs exactly as `make serve` runs it: from the repository root with the real
endpoints.yml, so it writes var/careerbot.db. Every test uses fresh, unique sender ids, so what a
developer has in that file neither disturbs the tests nor is touched by them (the retention test,
which deletes by age, works on a database of its own).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Iterator, List

import pytest

from tests.e2e.conversations import AI_FIRST, ML_FIRST, check_turn
from tests.e2e.servers import (
    DEFAULT_SQLITE_DB,
    ROOT,
    Process,
    base_env,
    isolated_endpoints,
    rest_reply,
    start_action_server,
    start_rasa_server,
)

pytestmark = pytest.mark.e2e

DB = ROOT / DEFAULT_SQLITE_DB


def sender(tag: str) -> str:
    return f"test-{tag}-{uuid.uuid4().hex[:10]}"


def stored_events(sender_id: str, db: Path = DB) -> List[tuple]:
    """(type_name, action_name, data) of the stored events of a conversation, in order."""
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT type_name, action_name, data FROM events WHERE sender_id = ? ORDER BY id", (sender_id,)
        ).fetchall()


def forget(*args: str, endpoints: str = "endpoints.yml") -> subprocess.CompletedProcess:
    """Run scripts/forget_user.py from the repository root, as a person would."""
    result = subprocess.run(
        [sys.executable, "scripts/forget_user.py", "--endpoints", endpoints, *args],
        cwd=ROOT,
        env=base_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"forget_user.py failed:\n{result.stdout}\n{result.stderr}"
    return result


class DefaultBot:
    """Action server + one Rasa server on the default endpoints.yml; `restart()` stops and starts Rasa."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.actions = start_action_server(log_dir)
        try:
            self.rasa: Process = start_rasa_server(log_dir, self.actions.port)
        except BaseException:
            self.actions.stop()
            raise
        self.sent: List[str] = []

    def reply(self, sender_id: str, text: str) -> str:
        self.sent.append(text)
        return rest_reply(self.rasa.port, sender_id, text)

    def restart(self) -> None:
        port = self.rasa.port
        self.rasa.stop()
        self.rasa = start_rasa_server(self.log_dir, self.actions.port, port=port)

    def stop(self) -> None:
        self.rasa.stop()
        self.actions.stop()


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DefaultBot]:
    server = DefaultBot(tmp_path_factory.mktemp("persistence"))
    try:
        yield server
    finally:
        server.stop()


def test_conversation_survives_rasa_restart(bot: DefaultBot) -> None:
    ml, ai = sender("restart-ml"), sender("restart-ai")
    for who, script in ((ml, ML_FIRST), (ai, AI_FIRST)):
        for turn in script[:2]:
            check_turn(turn, bot.reply(who, turn[0]), who)
    assert DB.is_file(), "the default tracker store did not create var/careerbot.db"
    stored_before = {who: len(stored_events(who)) for who in (ml, ai)}
    assert all(stored_before.values()), stored_before

    started = time.monotonic()
    bot.restart()
    restart_seconds = time.monotonic() - started

    # The follow-ups only work if role and level came back from the database after the restart.
    for who, script in ((ml, ML_FIRST), (ai, AI_FIRST)):
        for turn in script[2:]:
            check_turn(turn, bot.reply(who, turn[0]), who)
        types = [t for t, _, _ in stored_events(who)]
        assert types.count("user") == 5, types
        # One conversation session: the restart did not start the conversation over.
        assert [a for _, a, _ in stored_events(who)].count("action_session_start") == 1
    print(f"Rasa restart took {restart_seconds:.1f}s")


def test_forget_user_erases_one_conversation(bot: DefaultBot) -> None:
    erased, kept, fresh = sender("erased"), sender("kept"), sender("fresh")
    for who in (erased, kept):
        for turn in ML_FIRST[:2]:
            check_turn(turn, bot.reply(who, turn[0]), who)

    result = forget(erased)
    assert f"'{erased}'" in result.stdout and "of 1 conversation(s)" in result.stdout, result.stdout
    assert stored_events(erased) == [], "events of the erased user are still in the tracker store"
    assert stored_events(kept), "forget_user.py deleted another user's conversation"

    # The running server starts the erased user over: same answer as a never-seen user...
    follow_up = ML_FIRST[2][0]  # "and the other role?" - meaningless without context
    assert bot.reply(erased, follow_up) == bot.reply(fresh, follow_up)
    events = stored_events(erased)
    assert events[0][1] == "action_session_start" and [t for t, _, _ in events].count("user") == 1, events
    assert not any(t == "slot" and '"role"' in d and "ml_engineer" in d for t, _, d in events), events
    # ...while the other user's context is untouched.
    check_turn(ML_FIRST[2], bot.reply(kept, follow_up), kept)

    # Erasing again, or a user never seen, is not an error.
    assert "deleted 0 events" in forget(sender("unknown")).stdout


def test_retention_purges_only_idle_conversations(tmp_path: Path) -> None:
    """`--older-than-days N` deletes whole conversations whose last event is older than N days."""
    import asyncio

    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    endpoints = isolated_endpoints(tmp_path)  # the real file, with the SQLite file in tmp_path
    db = tmp_path / "careerbot.db"
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    now = time.time()
    ages_in_days = {"idle-100d": 100, "idle-40d": 40, "active-2d": 2, "mixed": 100}
    for who, age in ages_in_days.items():
        tracker = DialogueStateTracker(who, [])
        tracker.update(UserUttered(f"words of {who}", timestamp=now - age * 86400))
        tracker.update(ActionExecuted("action_listen", timestamp=now - age * 86400 + 1))
        if who == "mixed":  # started long ago, but active yesterday: kept whole
            tracker.update(UserUttered("more words", timestamp=now - 86400))
        asyncio.run(store.save(tracker))
    store.engine.dispose()

    dry = forget("--older-than-days", "30", "--dry-run", endpoints=str(endpoints))
    assert "would delete 4 events of 2 conversation(s)" in dry.stdout, dry.stdout
    assert {r[0] for r in sqlite3.connect(db).execute("SELECT DISTINCT sender_id FROM events")} == set(ages_in_days)

    done = forget("--older-than-days", "30", endpoints=str(endpoints))
    assert "deleted 4 events of 2 conversation(s)" in done.stdout, done.stdout
    left = {r[0] for r in sqlite3.connect(db).execute("SELECT DISTINCT sender_id FROM events")}
    assert left == {"active-2d", "mixed"}
    content = db.read_bytes()
    assert b"words of idle-" not in content, "deleted message texts are still readable in the SQLite file"
    assert b"words of active-2d" in content


def test_single_turn_conversations_are_purged_after_hours(tmp_path: Path) -> None:
    """`--single-turn-older-than-hours H`: a conversation never continued (one message) goes after H hours."""
    import asyncio

    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    endpoints = isolated_endpoints(tmp_path)
    db = tmp_path / "careerbot.db"
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db))
    now = time.time()
    shapes = {"one-30h": (1, 30), "one-2h": (1, 2), "two-30h": (2, 30)}  # (user messages, hours since the last)
    for who, (messages, hours) in shapes.items():
        tracker = DialogueStateTracker(who, [])
        for i in range(messages):
            at = now - hours * 3600 - (messages - i) * 10
            tracker.update(UserUttered(f"words of {who} {i}", timestamp=at))
            tracker.update(ActionExecuted("action_listen", timestamp=at + 1))
            tracker.update(BotUttered("an answer", timestamp=at + 2))
        asyncio.run(store.save(tracker))
    store.engine.dispose()

    done = forget("--single-turn-older-than-hours", "24", endpoints=str(endpoints))
    assert "deleted 3 events of 1 conversation(s)" in done.stdout, done.stdout
    left = {r[0] for r in sqlite3.connect(db).execute("SELECT DISTINCT sender_id FROM events")}
    assert left == {"one-2h", "two-30h"}
    both = forget("--older-than-days", "1", "--single-turn-older-than-hours", "1", endpoints=str(endpoints))
    assert "deleted 9 events of 2 conversation(s)" in both.stdout, both.stdout


def test_info_logs_hold_no_message_text(bot: DefaultBot) -> None:
    """At the default INFO level neither Rasa nor the action server logs what users wrote."""
    check_turn(AI_FIRST[0], bot.reply(sender("logs"), AI_FIRST[0][0]))
    logs = {p.name: p.read_text(errors="replace") for p in bot.log_dir.glob("*.log")}
    assert any(name.startswith("rasa-") for name in logs) and any(name.startswith("actions-") for name in logs)
    for text in set(bot.sent):
        for name, content in logs.items():
            assert text not in content, f"{name} logs the message text {text!r}"

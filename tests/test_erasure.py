"""The "forget me" flow of channels/erasure.py against Rasa's real SQL tracker store and lock store (no server).

The end-to-end versions (REST, socket.io, the widget, `rasa shell`) are in tests/e2e/test_hostile.py,
tests/e2e/test_widget.py and tests/e2e/test_shell.py; here every branch runs in milliseconds.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Dict, List

import pytest
import yaml
from rasa.core.lock_store import InMemoryLockStore
from rasa.core.tracker_store import AwaitableTrackerStore, SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered

from channels import erasure
from channels.erasure import ASK, CANCEL, CONFIRM, DONE, KEPT, NOT_ASKED, NOTHING_STORED, answer

ROOT = Path(__file__).resolve().parents[1]


def make_agent(tmp_path: Path, intents: Dict[str, str] | None = None) -> SimpleNamespace:
    """An agent with what erasure uses: a SQLite tracker store, a lock store, and an NLU stub (text -> intent)."""
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    parsed: List[str] = []

    async def parse_message(text: str) -> Dict[str, Any]:
        parsed.append(text)
        return {"intent": {"name": (intents or {}).get(text, "out_of_scope"), "confidence": 0.9}}

    agent = SimpleNamespace(tracker_store=AwaitableTrackerStore(store), lock_store=InMemoryLockStore())
    agent.parse_message, agent.parsed, agent.db = parse_message, parsed, tmp_path / "t.db"
    return agent


async def start(agent: SimpleNamespace, sender: str, said: str = "my name is zebra42") -> None:
    tracker = await agent.tracker_store.get_or_create_tracker(sender)
    tracker.update(UserUttered(said))
    tracker.update(BotUttered("An AI engineer builds products on models."))
    await agent.tracker_store.save(tracker)


def stored_users(agent: SimpleNamespace, sender: str) -> int:
    with sqlite3.connect(agent.db) as db:
        return db.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


@pytest.mark.parametrize("typed", ["yes", "Yes, erase", "sure", "ok do it", "OK!", CONFIRM])
async def test_a_yes_after_the_question_erases(tmp_path: Path, typed: str) -> None:
    agent = make_agent(tmp_path)
    await start(agent, "alice")
    assert await answer(agent, "alice", "forget me") == ASK
    assert await erasure.asked(agent, "alice")
    assert await answer(agent, "alice", typed) == DONE
    assert stored_users(agent, "alice") == 0


@pytest.mark.parametrize("typed", ["no", "No, keep it", "keep it", CANCEL])
async def test_a_no_keeps_it_and_answers_the_question(tmp_path: Path, typed: str) -> None:
    agent = make_agent(tmp_path)
    await start(agent, "bob")
    await answer(agent, "bob", "delete my data")
    assert await answer(agent, "bob", typed) == KEPT
    assert not await erasure.asked(agent, "bob")
    assert await answer(agent, "bob", "yes") is None  # a later yes is an ordinary message again
    assert await answer(agent, "bob", CONFIRM) == NOT_ASKED
    assert stored_users(agent, "bob") > 0


async def test_the_confirm_payload_without_a_question_erases_nothing(tmp_path: Path) -> None:
    agent = make_agent(tmp_path)
    await start(agent, "carol")
    assert await answer(agent, "carol", CONFIRM) == NOT_ASKED
    assert await answer(agent, "carol", "yes") is None  # goes on to Rasa (affirm, or an interview answer)
    assert stored_users(agent, "carol") > 0


async def test_the_question_must_be_the_bots_latest_message_in_that_conversation(tmp_path: Path) -> None:
    agent = make_agent(tmp_path)
    await start(agent, "dave")
    await start(agent, "eve")
    await answer(agent, "dave", "forget me")
    assert await answer(agent, "eve", CONFIRM) == NOT_ASKED  # asked in dave's conversation, not eve's
    tracker = await agent.tracker_store.retrieve("dave")
    tracker.update(BotUttered("Here is the salary table."))  # the conversation moved on
    await agent.tracker_store.save(tracker)
    assert await answer(agent, "dave", "yes") is None
    assert stored_users(agent, "dave") > 0 and stored_users(agent, "eve") > 0


async def test_nlu_is_asked_only_about_messages_with_an_erasure_word(tmp_path: Path) -> None:
    agent = make_agent(tmp_path, {"I want my stuff deleted": "request_erasure", "remove the noise": "ask_tools"})
    await start(agent, "frank")
    assert await answer(agent, "frank", "what does an ML engineer earn?") is None
    assert await answer(agent, "frank", "remove the noise") is None
    assert agent.parsed == ["remove the noise"]
    assert await answer(agent, "frank", "I want my stuff deleted") == ASK


async def test_nothing_stored_means_nothing_to_erase(tmp_path: Path) -> None:
    agent = make_agent(tmp_path)
    assert await answer(agent, "nobody", "forget me") == NOTHING_STORED
    assert await agent.tracker_store.retrieve("nobody") is None


@pytest.mark.parametrize(
    "text",
    ["forget me", "Can you forget me?", "I want my data deleted", "delete my conversation", "erase what I said",
     "remove my data", "please delete my data."],
)  # fmt: skip
def test_common_wordings_are_known_without_nlu(text: str) -> None:
    assert erasure.is_known_request(text)


def test_the_domain_asks_the_same_question() -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    response = domain["responses"]["utter_ask_erasure"][0]
    assert response["text"] == ASK["text"] and response["buttons"] == ASK["buttons"]
    assert erasure.INTENT in domain["intents"]
    nlu = yaml.safe_load((ROOT / "data" / "nlu.yml").read_text())["nlu"]
    examples = next(block["examples"] for block in nlu if block.get("intent") == erasure.INTENT)
    for wording in ("can you forget me?", "I want my data deleted", "erase what I said", "remove my data"):
        assert f"- {wording}\n" in examples

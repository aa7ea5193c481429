"""The scoring rules of `make e2e-eval` (eval/e2e_scoring.py) on tracker events shaped like real ones (copied from
`GET /conversations/<id>/tracker` of a running careerbot, trimmed), so the rules cannot drift silently."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Dict, List, Sequence

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))

import e2e_scoring as scoring  # noqa: E402

TEXTS = scoring.ReplyTexts(
    off_topic="That's outside what I can help with: I o",
    decline="Sorry, I didn't quite get that. I can te",
    clarify="I'm not sure I understood. Did you mean one of these?",
)
META = {"model_id": "7fd256e6711a412e8e654d5878e702f1", "assistant_id": "careerbot"}
MENU = [
    {"title": "Compare the roles", "payload": "/ask_role_comparison"},
    {"title": "Salaries", "payload": "/ask_salary"},
    {"title": "Which role fits me?", "payload": "/ask_role_fit"},
]


def start() -> List[Dict[str, Any]]:
    return [
        {"event": "action", "name": "action_session_start", "policy": None, "confidence": 1.0},
        {"event": "session_started", "metadata": META},
        {"event": "action", "name": "action_listen", "policy": None, "confidence": None},
    ]


def user(text: str, intent: str, confidence: float = 0.99, entities: Sequence[dict] = ()) -> Dict[str, Any]:
    return {
        "event": "user",
        "text": text,
        "parse_data": {
            "intent": {"name": intent, "confidence": confidence},
            "entities": list(entities),
            "text": text,
            "intent_ranking": [{"name": intent, "confidence": confidence}],
        },
        "input_channel": "rest",
        "metadata": META,
    }


def action(name: str) -> Dict[str, Any]:
    return {"event": "action", "name": name, "policy": "RulePolicy", "confidence": 1.0}


def bot(text: str, buttons: Sequence[dict] = (), utter: str | None = None) -> Dict[str, Any]:
    metadata = {"utter_action": utter, **META} if utter else dict(META)
    return {"event": "bot", "text": text, "data": {"buttons": list(buttons) or None}, "metadata": metadata}


def slot(name: str, value: Any) -> Dict[str, Any]:
    return {"event": "slot", "name": name, "value": value}


def answer(topic: str, role: str | None = None, text: str = "#### Salary (US, 2026 outlook...") -> List[Dict]:
    """What action_answer_question leaves: its reply, then every context slot (topic = the last topic answered)."""
    slots = [slot("topic", topic), slot("role", role)]
    slots += [slot(name, None) for name in ("level", "stage", "path_stage", "aspect", "location", "job_title")]
    return [action("action_answer_question"), bot(text, [{"title": "x", "payload": "/ask_other_role"}]), *slots]


def listen() -> Dict[str, Any]:
    return action("action_listen")


def verdict(gold: str, events: List[dict], replayed: scoring.Replayed | None = None) -> scoring.Verdict:
    return scoring.score(gold, scoring.observe(events, TEXTS, replayed))


SALARY = [*start(), user("what does an ML engineer earn?", "ask_salary"), *answer("salary", "ml_engineer"), listen()]
OFF_TOPIC = [
    *start(),
    user("what does a nurse earn?", "out_of_scope"),
    action("action_clarify"),
    bot("That's outside what I can help with: I only know about AI Engineer and ...", MENU),
    listen(),
]
CLARIFY = [
    *start(),
    user("tell me about the pipeline", "nlu_fallback", 0.3),
    action("action_clarify"),
    bot(
        "I'm not sure I understood. Did you mean one of these?",
        [
            {"title": "Workflow", "payload": '/ask_workflow{"stage": "deployment_integration"}'},
            {"title": "Tools", "payload": "/ask_tools"},
        ],
    ),
    listen(),
]
INTERVIEW = [
    *start(),
    user("which role fits me?", "ask_role_fit"),
    action("action_start_role_fit"),
    bot("Let's find the role that fits you: 5 quick questions."),
    slot("fit_state", {}),
    slot("fit_step", None),
    slot("fit_role", None),
    action("role_fit_form"),
    {"event": "active_loop", "name": "role_fit_form", "metadata": META},
    slot("requested_slot", "fit_step"),
    bot("Question 1 of 5: What do you enjoy more", [{"title": "Systems", "payload": '/inform{"fit_answer": "x"}'}]),
    listen(),
]
GREET = [
    *start(),
    user("hi", "greet"),
    action("utter_greet"),
    bot("Hi! I'm careerbot.", MENU, utter="utter_greet"),
    listen(),
]
NOTHING_ANSWERED = [
    *start(),
    user("what about skills?", "inform"),
    action("action_answer_question"),
    bot("I answer questions about AI Engineers and ...", MENU, utter="utter_help"),
    listen(),
]


def test_the_topic_answered_is_read_from_the_slot_the_answer_action_sets() -> None:
    seen = scoring.observe(SALARY, TEXTS)
    assert (seen.intent, seen.outcome, seen.topics) == ("ask_salary", scoring.ANSWERED, ["salary"])
    assert seen.role == "ml_engineer"
    assert verdict("ask_salary", SALARY) == scoring.Verdict(scoring.RIGHT, "its topic")
    assert verdict("ask_salary_factors", SALARY) == scoring.Verdict(scoring.WRONG, "other topic")
    assert verdict("out_of_scope", SALARY) == scoring.Verdict(scoring.WRONG, "off-topic answered")


def test_a_multi_part_reply_is_right_for_any_topic_it_answered() -> None:
    multi = [*start(), user("what does it pay and which tools?", "ask_salary"), *answer("tools"), listen()]
    assert verdict("ask_salary", multi) == scoring.Verdict(scoring.WRONG, "other topic")  # the slot alone: last
    replayed = scoring.Replayed(("salary", "tools"))
    assert verdict("ask_salary", multi, replayed).verdict == scoring.RIGHT
    assert verdict("ask_tools", multi, replayed).verdict == scoring.RIGHT
    assert verdict("ask_skills", multi, replayed).verdict == scoring.WRONG
    assert scoring.what_happened(scoring.observe(multi, TEXTS, replayed)) == "answered salary+tools"


def test_off_topic_is_right_only_when_declined_or_when_the_reply_says_the_article_lacks_it() -> None:
    assert verdict("out_of_scope", OFF_TOPIC) == scoring.Verdict(scoring.RIGHT, "declined")
    assert verdict("ask_salary", OFF_TOPIC) == scoring.Verdict(scoring.WRONG, "declined in scope")
    decline = [*OFF_TOPIC[:-2], bot("Sorry, I didn't quite get that. I can tell you about ...", MENU), listen()]
    assert scoring.observe(decline, TEXTS).declined == "decline"
    assert verdict("out_of_scope", decline).verdict == scoring.RIGHT
    pilots = [*start(), user("what do pilots earn", "ask_salary"), *answer("salary"), listen()]
    lacks = scoring.Replayed(("salary",), says_lacks=True)
    assert verdict("out_of_scope", pilots, lacks) == scoring.Verdict(scoring.RIGHT, "said the article lacks it")
    assert verdict("out_of_scope", pilots, scoring.Replayed(("salary",))).verdict == scoring.WRONG


def test_a_clarifying_question_offering_the_gold_topic_is_asked_not_right() -> None:
    seen = scoring.observe(CLARIFY, TEXTS)
    assert (seen.outcome, seen.offers) == (scoring.ASKED, ["ask_workflow", "ask_tools"])
    assert verdict("ask_workflow", CLARIFY) == scoring.Verdict(scoring.ASK, "asked, gold offered")
    assert verdict("ask_salary", CLARIFY) == scoring.Verdict(scoring.WRONG, "asked, gold not offered")
    assert verdict("out_of_scope", CLARIFY) == scoring.Verdict(scoring.WRONG, "off-topic asked")


def test_the_interview_counts_for_role_fit_and_skill_gap_only() -> None:
    assert scoring.observe(INTERVIEW, TEXTS).outcome == scoring.INTERVIEW
    assert verdict("ask_role_fit", INTERVIEW) == scoring.Verdict(scoring.RIGHT, "interview")
    assert verdict("ask_skill_gap", INTERVIEW).verdict == scoring.RIGHT
    assert verdict("ask_which_better", INTERVIEW) == scoring.Verdict(scoring.WRONG, "interview")
    assert verdict("out_of_scope", INTERVIEW) == scoring.Verdict(scoring.WRONG, "off-topic answered")
    gap = [*start(), user("I know python, what am I missing?", "ask_skill_gap"), *answer("skill_gap"), listen()]
    assert verdict("ask_skill_gap", gap).verdict == scoring.RIGHT


@pytest.mark.parametrize("gold", ["greet", "goodbye", "thanks", "help", "bot_challenge"])
def test_small_talk_is_right_when_its_response_was_sent(gold: str) -> None:
    utter = scoring.UTTERANCES[gold]
    events = [*start(), user("x", gold), action(utter), bot("...", MENU, utter=utter), listen()]
    assert verdict(gold, events) == scoring.Verdict(scoring.RIGHT, "its response")
    assert verdict(gold, GREET if gold != "greet" else NOTHING_ANSWERED).verdict == scoring.WRONG


def test_the_help_text_from_the_answer_action_means_nothing_was_answered() -> None:
    seen = scoring.observe(NOTHING_ANSWERED, TEXTS)
    assert seen.outcome == scoring.HELP
    assert verdict("ask_skills", NOTHING_ANSWERED) == scoring.Verdict(scoring.WRONG, "help")
    assert verdict("help", NOTHING_ANSWERED).verdict == scoring.RIGHT  # the help text is what 'help' asks for


def test_follow_ups_are_scored_on_their_own_turn_after_the_lead_in() -> None:
    other = [*SALARY, user("and the other role?", "ask_other_role"), *answer("salary", "ai_engineer"), listen()]
    assert scoring.observe(other, TEXTS).role == "ai_engineer"
    assert verdict("ask_other_role", other) == scoring.Verdict(scoring.RIGHT, "same topic, other role")
    same_role = [*SALARY, user("and the other role?", "ask_other_role"), *answer("salary", "ml_engineer"), listen()]
    assert verdict("ask_other_role", same_role).verdict == scoring.WRONG
    step = [*SALARY, user("for the deployment step?", "inform"), *answer("workflow", "ml_engineer"), listen()]
    assert verdict("inform", step) == scoring.Verdict(scoring.RIGHT, "follow-up answered")
    declined = [*SALARY, *OFF_TOPIC[3:]]
    assert verdict("inform", declined) == scoring.Verdict(scoring.WRONG, "declined in scope")
    assert scoring.slots_before_last_turn(step)["topic"] == "salary"  # the context the follow-up was read in


@pytest.mark.parametrize("gold", scoring.CONTEXT_ONLY)
def test_affirm_deny_stop_are_not_scored(gold: str) -> None:
    assert verdict(gold, GREET).verdict == scoring.CONTEXT


def test_the_reply_texts_recognised_are_the_ones_the_bot_sends() -> None:
    from actions.answers.clarify import clarifying_question, decline, off_topic
    from actions.knowledge import get_kb

    assert off_topic().text.startswith(TEXTS.off_topic)
    assert decline().text.startswith(TEXTS.decline)
    assert clarifying_question(get_kb(), ("ask_tools",), {}).text == TEXTS.clarify

"""Rasa custom actions: thin adapters between the tracker and the knowledge-base answers.

Each action gathers inputs from the tracker, calls the pure layers (understanding → reasoning → answers)
and returns events. The KB is loaded and validated when this module is imported, so a broken
KB stops the action server at start with one line naming the field, not at the first question.

The conversation's memory lives in slots: Rasa sends the actions only the current turn's events (from the latest
user message on, patches/action_payload.py), not the whole session's.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import List, Sequence

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answers.advice import (
    FIT_ENTITY,
    FIT_QUESTION,
    advised_role,
    background_note,
    explain_question,
    gap_target,
    interview_prompt,
    interview_reminder,
    interview_stopped,
    lean,
    recommendation,
    start_here,
)
from actions.answers.clarify import clarifying_question, decline, off_topic
from actions.answers.phrasing import Answer, combine
from actions.answers.pipeline import answer_message
from actions.knowledge import KnowledgeBase, KnowledgeBaseError, get_kb
from actions.knowledge.schema import ROLE_KEYS
from actions.reasoning import interview
from actions.reasoning.advisor import recommend, skill_name
from actions.reasoning.interview import State
from actions.understanding import meaning
from actions.understanding.context import picks_from_last_answer
from actions.understanding.lookups import missing_fact
from actions.understanding.person import background, person_mentions, worked_steps
from actions.understanding.question import CONTEXT_SLOTS
from actions.understanding.returns import intent_after, rewound
from actions.understanding.skill_matcher import Mentions, matcher_for
from actions.understanding.triage import payload_entities, triage

# One line per routed question: what was asked and the steps that decided it ("why did it answer X?"). Never the
# message's text or the sender id (docs/security.md): the message id ties it to the tracker when needed.
route_log = logging.getLogger("careerbot.route")

try:
    matcher_for(get_kb())  # validate the KB and warm the skill matcher before serving
    meaning.warm_up_in_background()
except KnowledgeBaseError as error:  # exercised by the malformed-KB server test
    raise SystemExit(f"careerbot: refusing to start, invalid knowledge base: {error}") from None

STATE_SLOT, STEP_SLOT = "fit_state", "fit_step"  # the interview's state, and the form's one requested slot


CHART_CHANNELS = ("socketio",)  # the widget; the shell and REST clients get the same numbers as text only


def send(dispatcher: CollectingDispatcher, answer: Answer, tracker: Tracker | None = None) -> None:
    """Send one answer with its quick replies; in the widget, its chart first (rasa-webchat shows quick replies
    only under the last message)."""
    if answer.chart is not None and tracker is not None and tracker.get_latest_input_channel() in CHART_CHANNELS:
        dispatcher.utter_message(attachment=answer.chart.attachment())  # type: ignore[arg-type]
    buttons = [{"title": b.title, "payload": b.payload} for b in answer.buttons]
    dispatcher.utter_message(text=answer.text, buttons=buttons or None)


def answer_latest_message(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    intent: str | None = None,
    known: Sequence[str] = (),
    lean: str | None = None,
) -> List[EventType] | None:
    """Answer the latest message from the KB (every question in it, in order, as one reply); None when none of
    its topics is one the KB answers. `intent` overrides NLU's (the clarifying action picks one); `known`: skills
    the person named earlier in the interview, for a skill gap asked without naming any ("what am I missing?");
    `lean`: the role the interview leans to so far, for "senior pay for it?" asked between its questions."""
    previous = {slot: tracker.get_slot(slot) for slot in CONTEXT_SLOTS}
    message = dict(tracker.latest_message or {})
    state = State.from_slot(get_kb(), tracker.get_slot(STATE_SLOT))
    known = known or described_skills(get_kb(), state)
    said = [*known, *state.skills, *(a.said for a in state.answers.values())]  # the words they described with
    message["entities"] = interview.with_own_tools(get_kb(), message, previous.get("topic"), said)
    asks_missing = missing_fact(get_kb(), message.get("text") or "", previous.get("topic")) is not None
    if known and (intent or (message.get("intent") or {}).get("name")) == "ask_skill_gap" and not asks_missing:
        # ('how many hours a week should I study?' asks a fact the article lacks: nothing of theirs to add)
        if not person_mentions(get_kb(), message.get("text") or "").keys:
            message["text"] = f"{message.get('text') or ''} (I know {', '.join(known)})"
    elif known and _OWN_AREA.search(message.get("text") or ""):  # 'how strong must an ML engineer be in that area?'
        if not person_mentions(get_kb(), message.get("text") or "").keys:
            message["text"] = f"{message.get('text') or ''} ({', '.join(known)})"
    fit_role = lean or tracker.get_slot("fit_role")
    answered = answer_message(get_kb(), message, previous, fit_role, intent, interviewing=lean is not None)
    if not answered:
        return None
    for question, _ in answered:
        route_log.info("message %s: %s", _message_id(tracker), question.route())
    send(dispatcher, combine([answer for _, answer in answered]), tracker)
    events: List[EventType] = [SlotSet(slot, value) for slot, value in answered[-1][0].context_slots().items()]
    aimed = [gap_target(get_kb(), question) for question, _ in answered if question.topic == "skill_gap"]
    if aimed and aimed[-1] is not None and lean is None:  # "Aim for AI Engineer": "my starting salary?" is its
        events.append(SlotSet("fit_role", aimed[-1]))
    return events


def described_skills(kb: KnowledgeBase, state: State) -> List[str]:
    """What the person said they have, kept from earlier messages: the interview's skills, else the skills in a
    description kept outside it ('I'm a data engineer - Spark, SQL...' answered with a skill gap), so a later
    "what do I need to add to my skills?" compares those instead of asking for them again."""
    if state.skills:
        return list(state.skills)
    return list(person_mentions(kb, state.described).words) if state.described else []


# 'that area', 'my background', 'what I do': the skills the person described mid-interview, said as a pointer.
_OWN_AREA = re.compile(
    r"\b(that|this|my|those|these) (area|areas|field|domain|background|experience|kind of work|line of work)\b"
    r"|\bwhat i (do|know|work on)\b",
    re.I,
)


def _message_id(tracker: Tracker) -> str:
    return str((tracker.latest_message or {}).get("message_id") or "-")


def answer_aside(
    dispatcher: CollectingDispatcher, tracker: Tracker, known: Sequence[str], lean: str | None
) -> List[EventType] | None:
    """A question asked between the interview's questions: answered as NLU read it, else as the words and NLU's
    other guesses read it (NLU often takes any question mid-interview for the interview: "what would a senior
    person in the role you suggested make?"); the role the interview leans to stands in for "that role"."""
    message = tracker.latest_message or {}
    for intent in interview.aside_intents(get_kb(), message, tracker.get_slot("topic")):
        answered = answer_latest_message(dispatcher, tracker, intent=intent, known=known, lean=lean)
        if answered is not None:
            return answered
    return None


def attached_answer(tracker: Tracker, state: State) -> Answer | None:
    """The other questions a self-description asked beside which role fits ("... and what tools should I pick
    up?"), answered for the role it leans to; None when it asked none."""
    kb = get_kb()
    text = (tracker.latest_message or {}).get("text") or ""
    role = recommend(kb, state.option_keys()).role
    answers = []
    for part, intent in interview.attached_questions(kb, text):
        message = {"text": part, "intent": {"name": intent, "confidence": 1.0}, "entities": []}
        answered = answer_message(kb, message, {"topic": "role_fit"}, role, intent, interviewing=role is not None)
        answers += [answer for _, answer in answered]
    return combine(answers) if answers else None


def send_lean(dispatcher: CollectingDispatcher, tracker: Tracker, turn: interview.Turn) -> None:
    """A self-description's lean (or its notes) with the answers to what else it asked, before the question."""
    kb = get_kb()
    asked = attached_answer(tracker, turn.state)
    if turn.lean:
        said = (tracker.latest_message or {}).get("text") or ""
        send(dispatcher, lean(kb, turn.state, skills_of(kb, turn.state), turn.switching, asked, said))
        return
    if turn.notes:  # '..., and what do I learn first?' is answered beside the notes, for the role they lean to
        said = (tracker.latest_message or {}).get("text") or ""
        start = start_here(kb, recommend(kb, turn.state.option_keys()).role or ROLE_KEYS[0], said)
        note = background_note(kb, said)  # a QA engineer: the step they already do; a consultant: the titles
        notes = [*turn.notes[:-1], note, turn.notes[-1]] if note else list(turn.notes)
        send(dispatcher, Answer("\n".join([*notes, start] if start and asked is None else notes)))
    if asked is not None:
        send(dispatcher, asked, tracker)


# 'why?', 'why is that?', 'how come?', 'why that one?' just after a recommendation: its reasons again.
_WHY_THAT = re.compile(
    r"^\W*(but |so |and |ok,? )?(why|how come|what makes you say (that|so)|on what basis|based on what)"
    r"(\s+(is that|that|so|that one|that role|this one|this role|do you (say|think) (that|so)))?\W*$",
    re.I,
)


def explain_recommendation(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType] | None:
    """A bare 'why?' right after a recommendation asks for its reasons (they are in the recommendation itself),
    not for why the distinction between the roles matters; None when the message is not one."""
    kb = get_kb()
    state = State.from_slot(kb, tracker.get_slot(STATE_SLOT))
    text = (tracker.latest_message or {}).get("text") or ""
    if tracker.get_slot("topic") != "role_fit" or state.status != interview.DONE or not _WHY_THAT.match(text):
        return None
    route_log.info("message %s: topic=role_fit | 'why?' after a recommendation: its reasons", _message_id(tracker))
    return recommend_role(dispatcher, kb, state, tracker)


# 'which role would that be?', 'which one is that?', 'which role do you mean?' just after advice: the role it aims at
_WHICH_IS_IT = re.compile(
    r"^\W*(and |so |ok,? |sorry,? )?(which|what) (role|one|path|job)( (would|is|was|will) (that|it|this)( be)?"
    r"|( do| did) you mean| (are|were) you (recommending|suggesting|pointing (me )?to)| is (that|this|it) again)\W*$",
    re.I,
)


def name_advised_role(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType] | None:
    """'Which role would that be?' right after advice (a recommendation, a lean or a skill gap that aims at a
    role) names that role; None when the message is not one or no role was advised."""
    kb = get_kb()
    role = tracker.get_slot("fit_role")
    text = (tracker.latest_message or {}).get("text") or ""
    if (
        role not in kb.roles
        or tracker.get_slot("topic") not in ("role_fit", "skill_gap")
        or not _WHICH_IS_IT.match(text)
    ):
        return None
    route_log.info("message %s: topic=role_fit | which role the advice aims at", _message_id(tracker))
    send(dispatcher, advised_role(kb, role), tracker)
    return [SlotSet("role", role), SlotSet("topic", "role_fit")]


def revise_recommendation(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType] | None:
    """After a recommendation, a statement about oneself changes those answers and recommends again
    (interview.revise); None when the message is not one."""
    kb = get_kb()
    message = interview_message(tracker)
    previous = State.from_slot(kb, tracker.get_slot(STATE_SLOT))
    turn = interview.revise(kb, previous, message, mentioned_skills(kb, message.text))
    if turn is None:
        return None
    route_log.info("message %s: topic=role_fit | a statement about oneself revises the advice", _message_id(tracker))
    asked = follow_up_in(kb, tracker)
    if asked is not None:  # "and APIs? i dont like them": the follow-up first, then the revised advice
        send(dispatcher, asked, tracker)
    for note in turn.notes:
        send(dispatcher, Answer(note))
    return [SlotSet(STATE_SLOT, turn.state.to_slot()), *recommend_role(dispatcher, kb, turn.state, tracker)]


def follow_up_in(kb: KnowledgeBase, tracker: Tracker) -> Answer | None:
    """The answer to a short follow-up asked inside a statement about oneself ("and APIs? i dont like them so
    much" after "which level of data engineering is needed?"), read on the thread as the words point."""
    text = (tracker.latest_message or {}).get("text") or ""
    previous = {slot: tracker.get_slot(slot) for slot in CONTEXT_SLOTS}
    answers = []
    for part in interview.asked_parts(text):
        decision = triage(kb, [], part, "nlu_fallback", previous.get("topic"))
        if decision.kind != "answer" or decision.intents[0] == "ask_role_fit":
            continue
        message = {"text": part, "intent": {"name": decision.intents[0], "confidence": 1.0}, "entities": []}
        answers += [a for _, a in answer_message(kb, message, previous, tracker.get_slot("fit_role"))]
    return combine(answers) if answers else None


def recommend_role(
    dispatcher: CollectingDispatcher, kb: KnowledgeBase, state: State, tracker: Tracker | None = None
) -> List[EventType]:
    """The recommendation for the interview's answers (one bubble, with any pending notes), and the
    recommended role as context."""
    rec = recommend(kb, state.option_keys())
    mentions = skills_of(kb, state)
    send(dispatcher, recommendation(kb, rec, state, mentions), tracker)
    cleared = replace(state, notes=())
    return [
        SlotSet("role", rec.role),
        SlotSet("topic", "role_fit"),
        SlotSet("fit_role", rec.role),
        SlotSet(STATE_SLOT, cleared.to_slot()),
    ]


def gap_at_once(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType] | None:
    """Someone who says what they know and asks what they are missing gets the skill gap, whatever NLU read."""
    kb = get_kb()
    message = interview_message(tracker)
    if not interview.wants_a_skill_gap(message, bool(person_mentions(kb, interview.statements(message.text)).keys)):
        return None
    events = answer_latest_message(dispatcher, tracker, intent="ask_skill_gap")
    return None if events is None else [*events, *remember_description(tracker)]


def skills_of(kb: KnowledgeBase, state: State) -> Mentions | None:
    """What the person said they have during the interview (for the first skills to add), None when nothing."""
    return person_mentions(kb, " ; ".join(state.skills)) if state.skills else None


def lean_at_once(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType] | None:
    """A self-description or "can I move into AI from <job>?" that NLU did not read as the interview's start:
    the recommendation in the same reply when what it says leans one way (interview.wants_a_lean); None else."""
    kb = get_kb()
    message = interview_message(tracker)
    wants = interview.wants_a_lean(kb, message) or interview.wants_the_interview(kb, message)
    if not (wants or interview.states_a_goal(kb, message) or interview.asks_to_switch(kb, message)):
        return None
    route_log.info("message %s: topic=role_fit | a self-description starts the interview", _message_id(tracker))
    previous = State.from_slot(kb, tracker.get_slot(STATE_SLOT))
    turn = interview.begin(kb, message, previous, mentioned_skills(kb, message.text), similar=similarity())
    if turn.state.status == interview.DONE:
        events = [*recommend_role(dispatcher, kb, replace(turn.state, notes=turn.notes), tracker)]
        events += worked_step_slots(kb, message.text)
        asked = attached_answer(tracker, turn.state)
        if asked is not None:
            send(dispatcher, asked, tracker)
        return events
    send_lean(dispatcher, tracker, turn)  # the interview goes on from the question that could change it
    return [
        SlotSet(STATE_SLOT, turn.state.to_slot()),
        SlotSet(STEP_SLOT, None),
        SlotSet("fit_role", None),
        *worked_step_slots(kb, message.text),
        FollowupAction("role_fit_form"),
    ]


def worked_step_slots(kb: KnowledgeBase, text: str) -> List[EventType]:
    """The workflow steps a self-description says the person works in, as context: 'which tool is used in that
    step?' or 'which workflow step matches what I do?' next is about them."""
    steps = worked_steps(kb, text or "")
    if not steps:
        return []
    one = [SlotSet("stage", steps[0])] if len(steps) == 1 else []
    return [*one, SlotSet("subject", f"worked:{'+'.join(steps)}")]


class ActionAnswerQuestion(Action):
    """Answer any factual question from the KB and remember its context for follow-ups; a statement about
    oneself after a recommendation revises it instead."""

    def name(self) -> str:
        return "action_answer_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        revised = (
            explain_recommendation(dispatcher, tracker)
            or name_advised_role(dispatcher, tracker)
            or revise_recommendation(dispatcher, tracker)
            or gap_at_once(dispatcher, tracker)
            or lean_at_once(dispatcher, tracker)
        )
        if revised is not None:
            return revised
        events = answer_latest_message(dispatcher, tracker)
        if events is None:
            dispatcher.utter_message(response="utter_help")
            return []
        return [*events, *remember_description(tracker)]


class ActionStartRoleFit(Action):
    """Begin the role-fit interview: read what the person already said about themselves, show the intro and
    what it answered; the form then shows the first question still open (same reply), or the recommendation
    right away when the description already decides it."""

    def name(self) -> str:
        return "action_start_role_fit"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        kb = get_kb()
        message = interview_message(tracker)
        previous = State.from_slot(kb, tracker.get_slot(STATE_SLOT))
        if interview.asks_aside(kb, message):  # a question NLU took for the interview: answered, no interview
            # mid-interview, 'the role you recommended' is the lean so far
            leaning = recommend(kb, previous.option_keys()).role if previous.status == interview.ASKING else None
            answered = answer_aside(dispatcher, tracker, previous.skills, tracker.get_slot("fit_role") or leaning)
            if answered is not None:
                route_log.info("message %s: a question, not the interview's start", _message_id(tracker))
                return [*answered, FollowupAction("action_listen")]
        earlier = previous.described  # 'so which role fits me better?' after 'I'm a DevOps engineer, ...'
        skills = mentioned_skills(kb, message.text) or mentioned_skills(kb, earlier)
        turn = interview.begin(kb, message, previous, skills, similar=similarity(), earlier=earlier)
        done = turn.state.status != interview.ASKING
        state = replace(turn.state, notes=turn.notes) if done else turn.state
        if not done:  # a recommendation comes after the form: its attached questions are not answered before it
            send_lean(dispatcher, tracker, turn)
        elif turn.lean:
            send(dispatcher, lean(kb, turn.state, skills_of(kb, turn.state), turn.switching))
        return [
            SlotSet(STATE_SLOT, state.to_slot()),
            SlotSet(STEP_SLOT, "done" if done else None),
            SlotSet("fit_role", None),
            *worked_step_slots(kb, message.text),
        ]


class ActionAskFitStep(Action):
    """Show the question the interview state has on screen (`fit_step` is the form's one requested slot)."""

    def name(self) -> str:
        return f"action_ask_{STEP_SLOT}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        kb = get_kb()
        state = State.from_slot(kb, tracker.get_slot(STATE_SLOT))
        if state.current is None:  # not reachable through the form; a fresh state asks the first question
            state = interview.begin(kb, interview.Message("")).state
        send(dispatcher, interview_prompt(kb, state) if state.asides < 2 else interview_reminder(kb, state))
        return [SlotSet(STATE_SLOT, state.to_slot())]


class ValidateRoleFitForm(FormValidationAction):
    """Every message during the interview comes here (fit_step is filled from any text): the state machine
    decides whether it answers the question on screen, asks something else, stops or restarts."""

    def name(self) -> str:
        return "validate_role_fit_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        kb = get_kb()
        if started_this_turn(tracker):
            return []  # the form's activation: the start action has already read the message
        message = interview_message(tracker)
        state = State.from_slot(kb, tracker.get_slot(STATE_SLOT))
        if interview.introduces_someone(kb, state, message):
            return describe_afresh(dispatcher, tracker, message)
        turn = interview.advance(kb, state, message, mentioned_skills(kb, message.text), similar=similarity())
        events: List[EventType] = []
        leaning = recommend(kb, turn.state.option_keys()).role
        if turn.side_question and leaning is not None and _WHY_THAT.match(message.text or ""):
            # 'why?' right after a lean asks for its reasons (in the person's words), not why the roles differ
            route_log.info("message %s: topic=role_fit | 'why?' after a lean: its reasons", _message_id(tracker))
            send(dispatcher, lean(kb, turn.state, skills_of(kb, turn.state)))
            return [SlotSet(STATE_SLOT, turn.state.to_slot()), SlotSet(STEP_SLOT, None)]
        if turn.side_question:  # answered; the question on screen comes back once, then only as a button
            # 'and the entry salary for that?' right after 'if I lean toward systems?': the role that pointed to
            about = turn.supposed or state.pointed or leaning
            answered = answer_aside(dispatcher, tracker, turn.state.skills, about)
            if answered is None:
                send(dispatcher, explain_question(kb, turn.state))
            events += answered or []
        done = turn.state.status != interview.ASKING
        if done:  # said with the recommendation, in the same bubble
            return [
                *events,
                SlotSet(STATE_SLOT, replace(turn.state, notes=turn.notes).to_slot()),
                SlotSet(STEP_SLOT, "done"),
            ]
        if turn.notes:  # an answer that also asks where to start ('..., what do I learn first?') hears it too
            start = start_here(kb, recommend(kb, turn.state.option_keys()).role or ROLE_KEYS[0], message.text)
            notes = [*turn.notes, start] if start and not turn.side_question else list(turn.notes)
            send(dispatcher, Answer("\n".join(notes)))
        return [*events, SlotSet(STATE_SLOT, turn.state.to_slot()), SlotSet(STEP_SLOT, None)]


class ActionRecommendRole(Action):
    """After the form: the recommendation (or the 'stopped' note), and the recommended role as context so
    "what would I earn starting out?" or "what should I learn first?" are about that role."""

    def name(self) -> str:
        return "action_recommend_role"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        kb = get_kb()
        state = State.from_slot(kb, tracker.get_slot(STATE_SLOT))
        if state.status == interview.STOPPED:
            if recommend(kb, state.option_keys()).role is None:
                send(dispatcher, interview_stopped())
                return [SlotSet(STEP_SLOT, None)]
            stopped = replace(state, notes=("Okay, I've stopped the questions; here is my lean from your answers.",))
            return [SlotSet(STEP_SLOT, None), *recommend_role(dispatcher, kb, stopped, tracker)]
        return [SlotSet(STEP_SLOT, None), *recommend_role(dispatcher, kb, state, tracker)]


def describe_afresh(dispatcher: CollectingDispatcher, tracker: Tracker, message: interview.Message) -> List[EventType]:
    """Mid-interview, a new person described with 'which role?' (a client, a relative, another job): their lean
    read afresh, the earlier answers (someone else's) dropped; the form goes on from the question still open."""
    kb = get_kb()
    route_log.info("message %s: topic=role_fit | a new self-description restarts the interview", _message_id(tracker))
    turn = interview.begin(kb, message, None, mentioned_skills(kb, message.text), similar=similarity())
    if turn.state.status != interview.ASKING:
        return [SlotSet(STATE_SLOT, replace(turn.state, notes=turn.notes).to_slot()), SlotSet(STEP_SLOT, "done")]
    send_lean(dispatcher, tracker, turn)
    return [SlotSet(STATE_SLOT, turn.state.to_slot()), SlotSet(STEP_SLOT, None), SlotSet("fit_role", None)]


def started_this_turn(tracker: Tracker) -> bool:
    """True when an action already read the latest user message into the interview (action_start_role_fit, or
    a self-description's lean from action_answer_question): the form is being activated, not answered."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") == ActionStartRoleFit().name():
            return True
        if event.get("event") == "slot" and event.get("name") == STATE_SLOT:
            return True
    return False


def remember_description(tracker: Tracker) -> List[EventType]:
    """A message answered outside the interview that says something about the person ('I'm a DevOps engineer, I
    know docker and k8s well. Which step ...?'): kept in the interview's state, so a later bare 'which role fits
    me better?' leans on it (the action server sees only the latest turn's events)."""
    kb = get_kb()
    state = State.from_slot(kb, tracker.get_slot(STATE_SLOT))
    said = interview.earlier_description(kb, [(tracker.latest_message or {}).get("text") or ""])
    if not said or state.answers:
        return []
    described = ". ".join(p for p in (state.described, said) if p)[-interview.DESCRIBED_CHARS :]
    return [SlotSet(STATE_SLOT, replace(state, described=described).to_slot())]


def interview_message(tracker: Tracker) -> interview.Message:
    """The latest message as the state machine reads it: text, intent, and the interview's button entities."""
    message = tracker.latest_message or {}
    entities = tuple(
        (str(e.get("entity")), str(e.get("value")))
        for e in message.get("entities") or []
        if e.get("entity") in (FIT_ENTITY, FIT_QUESTION) and e.get("value") is not None
    )
    nlu = message.get("intent") or {}
    return interview.Message(
        message.get("text") or "", nlu.get("name") or "", entities, float(nlu.get("confidence") or 0.0)
    )


def mentioned_skills(kb: KnowledgeBase, text: str) -> List[str]:
    """Skills and tools a message says the person has ("I know Python and Docker", "lots of cloud experience"),
    for the recommendation's skill gap. "Not into heavy math" names math but claims no skill."""
    if not text or text.startswith("/"):
        return []
    job = background(kb, text)
    known = [skill_name(kb, key) for key in (job[0].knows if job else ())]
    if not interview.claims_skills(text):
        return known
    return [*person_mentions(kb, text).words, *known]


def similarity() -> interview.Similarity | None:
    """Meaning matching of free-text answers against the options' descriptions, when the encoder is installed."""
    return meaning.similarity_for(get_kb())


class ActionClarify(Action):
    """NLU was unsure (or the intent is unknown): answer if the text is clear, else offer topics, else decline."""

    def name(self) -> str:
        return "action_clarify"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        revised = (
            explain_recommendation(dispatcher, tracker)
            or revise_recommendation(dispatcher, tracker)
            or gap_at_once(dispatcher, tracker)
            or lean_at_once(dispatcher, tracker)
        )
        if revised is not None:
            return revised
        kb = get_kb()
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        intent = (message.get("intent") or {}).get("name") or ""
        previous = {slot: tracker.get_slot(slot) for slot in CONTEXT_SLOTS}
        if interview.asks_where_to_start(text):  # 'second-year student, what should I learn first?': the path
            events = answer_latest_message(dispatcher, tracker, intent="ask_learning_path")
            if events is not None:
                return events
        back = rewound(kb, previous, text)
        if back is not None:  # 'ok, going back, just the ML engineer row': read on the answer gone back to
            events = answer_latest_message(dispatcher, tracker, intent=intent_after(kb, intent, back[2], back[1]))
            if events is not None:
                return events
        on_thread = picks_from_last_answer(kb, text, previous)
        if on_thread is not None:  # 'the chatbot one - what is it?' after the use cases: that item, not the help
            route_log.info(
                "message %s: unsure NLU %s -> %s (points into the last answer)", _message_id(tracker), intent, on_thread
            )
            events = answer_latest_message(dispatcher, tracker, intent=on_thread)
            if events is not None:
                return events
        decision = triage(kb, message.get("intent_ranking") or [], text, intent, tracker.get_slot("topic"))
        route_log.info(
            "message %s: unsure NLU %s -> %s %s (%s)",
            _message_id(tracker),
            intent,
            decision.kind,
            ",".join(decision.intents),
            decision.why,
        )
        if decision.kind == "off_topic":
            send(dispatcher, off_topic())
            return []
        if decision.kind == "answer" and decision.intents[0] != "ask_role_fit":
            events = answer_latest_message(dispatcher, tracker, intent=decision.intents[0])
            if events is not None:
                return events
        if decision.kind in ("ask", "answer"):
            send(
                dispatcher,
                clarifying_question(kb, decision.intents, payload_entities(kb, text, message.get("entities") or [])),
            )
            return []
        send(dispatcher, decline())
        return []

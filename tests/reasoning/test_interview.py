"""The role-fit interview's pure parts: reading free-text answers, and the state machine's transitions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from actions.reasoning import interview as iv
from actions.reasoning.advisor import question_for, recommend
from actions.reasoning.answer_matching import is_neutral, match_answer
from actions.reasoning.interview import ASKING, DONE, STOPPED, Message, Said, State, advance, begin, settled


def pick(kb, slot: str, text: str, strong: bool = False, similar=None) -> str | None:
    match = match_answer(question_for(kb, slot), text, strong_only=strong, blanks=iv.role_words(kb), similar=similar)
    return match.option if match else None


# ---------- matching ----------


@pytest.mark.parametrize(
    ("slot", "text", "key"),
    [
        # the examples
        ("fit_work", "I prefer building systems, APIs and integrating services", "systems"),
        ("fit_math", "honestly I'm not into heavy math", "low"),
        ("fit_work", "I prefer developing and tuning models", "models"),
        # negations flip
        ("fit_math", "not really", "low"),
        ("fit_math", "I'd rather not", "low"),
        ("fit_math", "not bad at all, actually", "high"),
        ("fit_math", "I'm not very comfortable with it", "low"),
        ("fit_cloud", "I can't stand devops", "no"),
        ("fit_cloud", "docker and kubernetes are not my thing", "no"),
        ("fit_data", "cleaning data bores me to tears", "no"),
        ("fit_data", "I'd rather someone else prepared the data", "no"),
        ("fit_data", "I don't mind cleaning data", "yes"),
        ("fit_work", "I like models, not systems", "models"),
        ("fit_work", "making products people use, not tinkering with algorithms", "systems"),
        # "X more than Y", "X over Y": Y is the less preferred one
        ("fit_work", "wiring services together more than tweaking models", "systems"),
        ("fit_work", "research and experiments over shipping code", "models"),
        # sentiment about the subject, in any order
        ("fit_math", "math scares me", "low"),
        ("fit_math", "numbers are my thing", "high"),
        ("fit_math", "I love it", "high"),
        ("fit_cloud", "kubernetes is fun", "yes"),
        ("fit_team", "somewhere big with clear roles", "large"),
        ("fit_team", "I'd like to wear many hats", "small"),
        # the word next to the subject decides; negators reach through "do not really"; "a bit dull" agrees with no
        ("fit_math", "I'd prefer to avoid heavy math", "low"),
        ("fit_math", "it's definitely not my strongest subject", "low"),
        ("fit_math", "definitely", "high"),
        ("fit_cloud", "honestly I find DevOps a bit dull", "no"),
        ("fit_cloud", "nah not really", "no"),
        ("fit_work", "I don't really care about the math behind models, I want to ship stuff", "systems"),
        ("fit_data", "I'd rather skip the data prep part", "no"),
        # the verb closing a longer clause, a topic answered by the next clause, "happy to" + a negative verb
        ("fit_data", "data prep is the part I'd happily skip", "no"),
        ("fit_data", "data prep? happy to skip it", "no"),
        ("fit_data", "data prep? love it", "yes"),
        ("fit_data", "cleaning data is something I could honestly do all day and enjoy", "yes"),
        ("fit_math", "I'd love to avoid heavy math", "low"),
        # the clause after "but", and a clause stressing a preference, weigh more
        ("fit_work", "I like models but I'm more excited by deploying them", "systems"),
        ("fit_work", "I do some backend work but I'd rather be tuning models", "models"),
        ("fit_math", "I did stats at uni but I'm rusty now", "low"),
        # neutral
        ("fit_data", "not sure", "skip"),
        ("fit_math", "skip this one", "skip"),
        ("fit_work", "no idea", "both"),
        ("fit_team", "doesn't matter to me", "any"),
        # exact answers and nothing
        ("fit_cloud", "Yes", "yes"),
        ("fit_work", "Developing models", "models"),
        ("fit_work", "purple", None),
        ("fit_work", "yes", None),
    ],
)
def test_free_text_answers(kb, slot, text, key):
    assert pick(kb, slot, text) == key


def test_strong_mode_needs_words_about_the_subject(kb):
    text = "I enjoy wiring services together and building APIs more than tweaking models, which role fits me?"
    assert pick(kb, "fit_work", text, strong=True) == "systems"
    assert pick(kb, "fit_math", text, strong=True) is None
    assert pick(kb, "fit_math", "yes", strong=True) is None  # a bare yes answers only the question on screen
    assert pick(kb, "fit_data", "not really, servers bore me", strong=True) is None
    assert pick(kb, "fit_work", "am I more of an ML engineer?", strong=True) is None  # role names say nothing


def test_evidence_is_the_persons_words(kb):
    match = match_answer(question_for(kb, "fit_math"), "I love stats and training models, which path suits me?")
    assert match.evidence == "I love stats and training models"


def test_meaning_fallback_only_when_words_do_not_decide(kb):
    calls = []

    def similar(text, descriptions):
        calls.append(text)
        return [0.6, 0.2]  # systems is closest

    assert pick(kb, "fit_work", "I like making things people touch", similar=similar) == "systems"
    assert pick(kb, "fit_work", "I don't like making things people touch", similar=similar) == "models"
    assert pick(kb, "fit_work", "I prefer developing models", similar=similar) == "models"
    assert len(calls) == 2
    assert pick(kb, "fit_work", "whatever this is", similar=lambda t, d: [0.3, 0.28]) is None


def test_is_neutral_only_for_the_answer_itself():
    assert is_neutral("skip") and is_neutral("honestly, not sure") and is_neutral("pass")
    assert not is_neutral("I'm not sure which role fits me")
    assert not is_neutral("skip this questionnaire")


# ---------- when is enough known ----------


def test_settled_when_remaining_questions_cannot_change_it(kb):
    assert settled(kb, {"fit_work": "systems", "fit_math": "low", "fit_cloud": "yes"})
    assert not settled(kb, {"fit_work": "models", "fit_math": "high"})
    assert settled(kb, {"fit_work": "models", "fit_math": "high", "fit_data": "yes", "fit_cloud": "no"})
    assert not settled(kb, {})
    full = {"fit_work": "both", "fit_math": "high", "fit_cloud": "yes", "fit_data": "yes", "fit_team": "small"}
    assert settled(kb, full)


# ---------- transitions ----------


def say(kb, state, text, intent="", **entities):
    return advance(kb, state, Message(text, intent, tuple(entities.items())))


def button(kb, state, slot, option):
    return say(kb, state, f'/inform{{"fit_answer": "{option}"}}', "inform", fit_answer=option, fit_question=slot)


def test_plain_start_shows_the_first_question(kb):
    turn = begin(kb, Message("which role fits me?", "ask_role_fit"))
    assert turn.state.current == "fit_work" and turn.state.status == ASKING and not turn.state.answers
    assert "5 quick questions" in turn.notes[0]


@pytest.mark.parametrize(
    ("text", "filled", "status"),
    [
        (
            "I enjoy wiring services together and building APIs more than tweaking models, which role fits me?",
            {"fit_work": "systems", "fit_cloud": "yes"},
            ASKING,
        ),
        ("I love stats and training models, which path suits me?", {"fit_work": "models", "fit_math": "high"}, ASKING),
        (
            "I'm a backend dev with lots of cloud experience, which fits?",
            {"fit_work": "systems", "fit_cloud": "yes"},
            ASKING,
        ),
        ("I'm a frontend developer who hates math, which fits me?", {"fit_work": "systems", "fit_math": "low"}, ASKING),
        (
            "backend dev, lots of cloud experience, and I hate math. which role fits me?",
            {"fit_work": "systems", "fit_cloud": "yes", "fit_math": "low"},
            DONE,
        ),
        # a job says what it says: a Java developer leans to systems, an accountant's numbers to data
        ("I'm a Java developer, can I move into AI?", {"fit_work": "systems"}, ASKING),
        ("I'm an accountant thinking about switching into AI, where do I start?", {"fit_data": "yes"}, ASKING),
    ],
)
def test_a_self_description_leans_at_once(kb, text, filled, status):
    """Whatever it says leans one way: a lean now (ASKING: the question that could change it comes next), or
    the recommendation when nothing left can change it (DONE)."""
    turn = begin(kb, Message(text, "ask_role_fit"))
    assert {k: a.option for k, a in turn.state.answers.items()} == filled
    assert turn.state.status == status
    if status == ASKING:
        assert turn.lean and turn.state.current not in filled and not turn.notes
        assert recommend(kb, turn.state.option_keys()).role is not None


def test_a_description_that_leans_neither_way_starts_the_interview(kb):
    turn = begin(kb, Message("I like small teams, which fits me?", "ask_role_fit"))
    assert not turn.lean and turn.state.current == "fit_work" and turn.notes[0].startswith("From what you said:")


def test_every_answer_is_stored_against_the_question_on_screen(kb):
    state = begin(kb, Message("which role fits me", "ask_role_fit")).state
    state = button(kb, state, "fit_work", "models").state
    assert state.current == "fit_math" and state.answers["fit_work"] == Said("models", "Developing models", "button")
    # a stale click on the first question's button changes that answer, not the one on screen
    turn = button(kb, state, "fit_work", "systems")
    assert turn.state.current == "fit_math" and turn.state.answers["fit_work"].option == "systems"
    assert "fit_math" not in turn.state.answers and turn.notes[0].startswith("Changed your answer")
    # clicking the same earlier button again changes nothing
    assert button(kb, turn.state, "fit_work", "systems").state == turn.state
    # typed text answers the question on screen
    state = say(kb, turn.state, "honestly I'm not into heavy math", "ask_math").state
    assert state.answers["fit_math"].option == "low" and state.answers["fit_math"].how == "text"


def test_two_misses_then_skip_never_three_times(kb):
    state = begin(kb, Message("which role fits me", "ask_role_fit")).state
    first = say(kb, state, "purple", "nlu_fallback")
    assert first.state.current == "fit_work" and first.state.misses == 1 and "Sorry" in first.notes[0]
    assert "pick an option" in first.notes[0] and "button" not in first.notes[0]  # the terminal has no buttons
    second = say(kb, first.state, "banana", "nlu_fallback")
    assert second.state.current == "fit_math" and second.state.answers["fit_work"].option == "skip"
    assert "leave that one out" in second.notes[0]


def test_question_mid_interview_keeps_the_question(kb):
    state = begin(kb, Message("which role fits me", "ask_role_fit")).state
    turn = say(kb, state, "how much do ML engineers make?", "ask_salary")
    assert turn.side_question and turn.state == replace(state, asides=1)  # one reminder, then only a button
    again = say(kb, turn.state, "and what do they do all day?", "ask_role_definition")
    assert again.side_question and again.state.asides == 2
    # an answer whatever topic words it holds: "math is ok ... not my passion" answers the math question
    on_math = replace(state, current="fit_math")
    turn = say(kb, on_math, "math is ok for me but not my passion, I use it when needed", "ask_math")
    assert not turn.side_question and turn.state.answers["fit_math"].option == "low"
    # a real question mid-interview is never stored as an answer
    turn = say(
        kb, replace(state, current="fit_team"), "what's the difference between small and big teams here?", "inform"
    )
    assert turn.side_question and "fit_team" not in turn.state.answers
    # a statement of preference is an answer even when NLU calls it a question
    turn = say(kb, state, "I prefer developing and tuning models", "ask_best_practices")
    assert not turn.side_question and turn.state.answers["fit_work"].option == "models"


@pytest.mark.parametrize("text", ["stop", "cancel", "quit", "I want to quit", "can we stop the quiz"])
def test_stop_ends_it(kb, text):
    state = begin(kb, Message("which role fits me", "ask_role_fit")).state
    assert say(kb, state, text).state.status == STOPPED


def test_skip_is_neutral_even_when_nlu_says_stop(kb):
    state = begin(kb, Message("which role fits me", "ask_role_fit")).state
    turn = say(kb, state, "skip", "stop")
    assert turn.state.status == ASKING and turn.state.answers["fit_work"].option == "both"


def test_start_over_restarts(kb):
    state = button(kb, begin(kb, Message("which role fits me", "ask_role_fit")).state, "fit_work", "models").state
    turn = say(kb, state, "let's start over")
    assert turn.state.answers == {} and turn.state.current == "fit_work" and turn.notes == ("Starting over.",)


def test_correction_changes_an_earlier_answer(kb):
    state = button(kb, begin(kb, Message("which role fits me", "ask_role_fit")).state, "fit_work", "models").state
    turn = say(kb, state, "actually, I changed my mind: I would rather build the systems than the models")
    assert turn.state.answers["fit_work"].option == "systems" and turn.state.current == "fit_math"
    assert any("Changed your answer" in n for n in turn.notes)


def test_recommends_as_soon_as_settled_and_refine_asks_the_rest(kb):
    state = begin(kb, Message("which role fits me", "ask_role_fit")).state
    state = button(kb, state, "fit_work", "systems").state
    state = button(kb, state, "fit_math", "low").state
    assert state.status == ASKING  # "cloud: not much" and "data: yes" could still even it out
    state = button(kb, state, "fit_cloud", "yes").state  # the other two can no longer outweigh these three
    assert state.status == DONE and recommend(kb, state.option_keys()).role == "ai_engineer"
    refine = begin(kb, Message("/ask_role_fit", "ask_role_fit", (("fit_answer", "refine"),)), previous=state)
    assert refine.state.full and refine.state.current == "fit_data" and "2 more questions" in refine.notes[0]
    state = button(kb, refine.state, "fit_data", "no").state
    assert state.status == ASKING and state.current == "fit_team"  # refine mode asks every question


def test_state_round_trips_and_survives_garbage(kb):
    state = button(kb, begin(kb, Message("which role fits me", "ask_role_fit")).state, "fit_work", "models").state
    assert State.from_slot(kb, state.to_slot()) == state
    assert State.from_slot(kb, "nonsense") == State()
    odd = State.from_slot(kb, {"answers": {"fit_work": {"option": "wizard"}, "nope": {}}, "current": "x", "misses": 9})
    assert odd.answers == {} and odd.current is None and odd.misses == 2


def test_follow_ups_after_the_recommendation_use_its_role(kb):
    message = {"text": "what should I learn first?", "entities": []}
    entities = iv.with_recommended_role(kb, "ask_learning_path", message, {"topic": "salary"}, "ml_engineer")
    assert entities == [{"entity": "role", "value": "ml_engineer"}]
    right_after = {"text": "and the salary?", "entities": []}
    assert iv.with_recommended_role(kb, "ask_salary", right_after, {"topic": "role_fit"}, "ai_engineer")
    named = {"text": "what would I earn as an AI engineer?", "entities": []}
    assert iv.with_recommended_role(kb, "ask_salary", named, {"topic": "role_fit"}, "ml_engineer") == []
    assert iv.with_recommended_role(kb, "ask_salary", message, {}, None) == []


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("I know Python, SQL and Docker", True),
        ("I'm a backend dev with lots of cloud experience", True),
        ("5 years of Java at a bank", True),
        ("honestly I'm not into heavy math", False),  # names math, claims nothing
        ("I never used docker", False),
        ("I love stats and training models", False),
    ],
)
def test_only_skill_claims_feed_the_skill_gap(text, claims):
    assert iv.claims_skills(text) is claims


def _phrasings() -> list:
    data = yaml.safe_load((Path(__file__).parent / "interview_answers.yml").read_text())
    return [
        (slot, option, text) for slot, options in data.items() for option, texts in options.items() for text in texts
    ]


@pytest.mark.parametrize(("slot", "key", "text"), _phrasings())
def test_many_peoples_phrasings(kb, slot, key, text):
    assert pick(kb, slot, text) == key


def test_a_statement_after_the_recommendation_adds_to_the_answers_a_new_request_starts_afresh(kb):
    state = _recommended(kb)
    added = begin(kb, Message("I like small teams where I touch everything", "ask_role_fit"), previous=state)
    assert added.notes[0].startswith("Added to your earlier answers:")
    assert {k: a.option for k, a in added.state.answers.items()} == {
        "fit_work": "systems",
        "fit_math": "low",
        "fit_cloud": "yes",
        "fit_team": "small",
    }
    assert added.state.status == DONE  # still settled: the recommendation comes again
    fresh = begin(kb, Message("I love stats and training models, which path suits me?", "ask_role_fit"), previous=state)
    assert fresh.lean and "fit_cloud" not in fresh.state.answers
    assert fresh.state.answers["fit_work"].option == "models"


def test_changing_an_answer_replaces_it_everywhere_it_is_cited(kb):
    state = replace(begin(kb, Message("which role fits me", "ask_role_fit")).state, current="fit_math")
    state = say(kb, state, "I love statistics and training models", "inform").state
    assert state.answers["fit_work"].option == "models" and state.answers["fit_math"].option == "high"
    turn = say(kb, state, "actually I changed my mind, I prefer building systems", "inform")
    assert turn.state.answers["fit_work"].option == "systems" and "Changed your answer" in turn.notes[0]
    quoted = [a.said for a in turn.state.answers.values()]
    assert "I love statistics and training models" not in quoted  # the retracted words are cited nowhere
    assert turn.state.answers["fit_math"].option == "high"  # the answer it also gave stands


def _recommended(kb) -> State:
    state = begin(kb, Message("which role fits me", "ask_role_fit")).state
    state = button(kb, state, "fit_work", "systems").state
    state = button(kb, state, "fit_math", "low").state
    state = button(kb, state, "fit_cloud", "yes").state
    assert state.status == DONE
    return state


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("actually numbers are my strong point", "ask_math"),
        ("statistics? love it", "nlu_fallback"),
        ("honestly math is my thing", "inform"),
    ],
)
def test_a_statement_about_oneself_after_the_recommendation_revises_it(kb, text, intent):
    from actions.reasoning.interview import revise

    revised = revise(kb, _recommended(kb), Message(text, intent))
    assert revised is not None and revised.notes[0].startswith("Updated your answers:")
    assert revised.state.answers["fit_math"].option == "high"  # was "low"
    assert revised.state.answers["fit_work"].option == "systems" and revised.state.status == DONE


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("what tools for deployment", "ask_tools"),  # a question, even without "?"
        ("is math my thing?", "ask_math"),
        ("deployment tools", "ask_tools"),  # about nothing personal
        ("I love math, which role fits me", "ask_role_fit"),  # the interview's own start handles it
        ("I like pizza", "out_of_scope"),  # nothing the interview asks about
    ],
)
def test_questions_and_other_messages_after_the_recommendation_are_not_revisions(kb, text, intent):
    from actions.reasoning.interview import revise

    assert revise(kb, _recommended(kb), Message(text, intent)) is None


def test_no_revision_without_a_finished_recommendation(kb):
    from actions.reasoning.interview import revise

    asking = begin(kb, Message("which role fits me", "ask_role_fit")).state
    assert revise(kb, asking, Message("math is my thing", "inform")) is None
    assert revise(kb, None, Message("math is my thing", "inform")) is None


@pytest.mark.parametrize(
    ("text", "intent", "lean", "interview"),
    [
        ("I'm a Java developer, can I move into AI?", "ask_tools", True, True),
        ("APIs bore me to death. Give me a messy dataset any day. which role fits", "ask_skills", True, False),
        (
            "backend engineer who wants to ship AI features to real users fast. which role matches?",
            "inform",
            True,
            False,
        ),
        ("wich role is beter for me ai enginer or ml enginer??", "ask_which_better", False, True),
        ("I'm a nurse, can I move into AI? is that realistic?", "ask_careers", False, True),
        ("which role handles deployment?", "ask_responsibilities", False, False),  # about the roles, not the person
        ("I know Docker and AWS, what am I missing for ML?", "ask_skills", False, False),  # the skill gap's
    ],
)
def test_a_request_for_advice_is_recognised_whatever_nlu_read(kb, text, intent, lean, interview):
    message = Message(text, intent)
    assert iv.wants_a_lean(kb, message) is lean
    assert iv.wants_the_interview(kb, message) is interview


def test_a_skill_gap_request_is_recognised_whatever_nlu_read():
    assert iv.wants_a_skill_gap(Message("devops engineer here, what would I need to learn for ML?", "ask_skills"), True)
    assert not iv.wants_a_skill_gap(Message("what skills does an ML engineer need?", "ask_skills"), False)


@pytest.mark.parametrize(
    ("said", "quoted"),
    [
        ("Been a full-stack dev for a decade, I love shipping products and fixing prod at night", "Been a full-stack"),
        ("short and sweet", "short and sweet"),
    ],
)
def test_quotes_are_whole_phrases(said, quoted):
    phrase = iv.whole_phrase(said)
    assert phrase.startswith(quoted) and (phrase == said or said.startswith(phrase + ","))


def test_pointing_at_the_suggested_role_or_at_the_lean_mid_interview_uses_it(kb):
    suggested = {"text": "what's the senior salary for the role you'd suggest", "entities": []}
    ml = [{"entity": "role", "value": "ml_engineer"}]
    assert iv.with_recommended_role(kb, "ask_salary", suggested, {"topic": "skills"}, "ml_engineer") == ml
    for_it = {"text": "senior pay for it?", "entities": []}
    assert iv.with_recommended_role(kb, "ask_salary", for_it, {"topic": "use_cases"}, "ml_engineer") == []
    assert iv.with_recommended_role(kb, "ask_salary", for_it, {"topic": "use_cases"}, "ml_engineer", True) == ml


@pytest.mark.parametrize(
    ("text", "intent", "side"),
    [
        ("and the senior pay", "inform", True),  # no '?', but a short 'and the ...' about the roles
        ("and the pay for that one?", "ask_salary", True),
        ("and the senior pay", "affirm", False),  # not read as a question about the roles
        ("and the models are what I like most about it really", "inform", False),  # too long to be a fragment
    ],
)
def test_a_short_and_the_fragment_mid_interview_is_a_side_question(text, intent, side):
    assert iv.asks_something_else(iv.Message(text, intent)) is side


def test_a_question_after_a_filler_word_mid_interview_is_a_side_question():
    message = iv.Message("honestly which of the two pays more at mid level", "ask_salary_comparison")
    assert iv.asks_something_else(message)
    assert not iv.asks_something_else(iv.Message("honestly not much", "deny"))


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("what would a senior person in the role you suggested make?", "ask_role_fit"),  # NLU took it for the quiz
        ("where would I even start?", "ask_role_fit"),
        ("wat shud i lern nxt for dat", "out_of_scope"),  # typos mended, it is a question
        ("same level but ML engineer", "inform"),  # a follow-up naming a role
        ("salery for entery lvl in that roel", "ask_salary"),  # names a topic and a level, answers nothing
        ("ML engineer's data engineering rating in the summary table?", "ask_skills"),  # about the roles
    ],
)
def test_a_question_mid_interview_is_never_a_failed_answer(kb, text, intent):
    state = replace(begin(kb, Message("which role fits me", "ask_role_fit")).state, current="fit_math")
    turn = say(kb, state, text, intent)
    assert turn.side_question and turn.state.misses == 0 and turn.state.answers == state.answers


def test_a_request_for_the_interview_mid_interview_is_not_a_side_question(kb):
    state = replace(begin(kb, Message("which role fits me", "ask_role_fit")).state, current="fit_math")
    assert not say(kb, state, "which role fits me?", "ask_role_fit").side_question


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("where would I even start?", "ask_learning_path"),
        ("what would I make at entry vs mid level?", "ask_salary"),
        ("what should I learn next?", "ask_skill_gap"),
    ],
)
def test_aside_readings_put_the_persons_own_question_first(kb, text, first):
    message = {"text": text, "intent": {"name": "inform", "confidence": 0.38}, "intent_ranking": []}
    assert iv.aside_intents(kb, message, "role_fit")[0] == first


def test_aside_readings_follow_a_sure_nlu_and_never_the_interview(kb):
    ranking = [{"name": "ask_tools", "confidence": 0.48}, {"name": "ask_role_fit", "confidence": 0.3}]
    message = {"text": "which frameworks should I learn?", "intent": ranking[0], "intent_ranking": ranking}
    readings = iv.aside_intents(kb, message, "role_fit")
    assert readings.index(None) < readings.index("ask_tools") and "ask_skill_gap" not in readings[:1]
    assert "ask_role_fit" not in readings


@pytest.mark.parametrize(
    ("text", "aside"),
    [
        ("what would I earn as a data analyst in comparison?", True),
        ("I'm 45 - am I too old to become an ML engineer?", True),
        ("is ML engineering for me or should I look at the other one?", False),
        ("AI or ML engineer?", False),
        ("I like models, which role fits me?", False),
    ],
)
def test_a_question_nlu_took_for_the_interview(kb, text, aside):
    assert iv.asks_aside(kb, Message(text, "ask_role_fit", (), 0.4)) is aside


def test_a_description_that_leans_neither_way_names_what_would_decide(kb):
    turn = begin(kb, Message("I'm a backend engineer and I enjoy cleaning data. Which role?", "ask_role_fit"))
    assert turn.state.status == ASKING and not turn.lean
    said = "\n".join(turn.notes)
    assert "both roles" in said and "AI Engineer if" in said and "Machine Learning Engineer if" in said


def test_a_message_that_changes_other_answers_says_the_lean_now(kb):
    state = begin(kb, Message("I'm a data engineer, I like pipelines and data quality. Which role?", "ask_role_fit"))
    assert state.lean and recommend(kb, state.state.option_keys()).role == "ml_engineer"
    turn = say(kb, state.state, "To be fair I also like running things in production on Kubernetes. Still the same?")
    assert any("my lean so far is AI Engineer" in note for note in turn.notes)


def test_data_pipelines_are_data_work_not_systems(kb):
    assert pick(kb, "fit_work", "I love building pipelines with Spark", strong=True) is None


def test_pay_for_another_job_is_not_the_recommended_roles(kb):
    message = {"text": "what would I earn as a data analyst in comparison?", "entities": []}
    entities = iv.with_recommended_role(kb, "ask_salary", message, {"topic": "role_fit"}, "ml_engineer")
    assert not any(e["entity"] == "role" for e in entities)
    message = {"text": "what would I earn starting out?", "entities": []}
    entities = iv.with_recommended_role(kb, "ask_salary", message, {"topic": "role_fit"}, "ml_engineer")
    assert {"entity": "role", "value": "ml_engineer"} in entities


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "math PhD, never shipped production code. Which role makes more sense and what tools should I pick up?",
            [("what tools should I pick up?", "ask_tools")],
        ),
        (
            "I'm an IT student, I enjoy cloud labs. Which role, and what do I learn first?",
            [("what do I learn first?", "ask_learning_path")],
        ),
        ("I like models. Which role fits me?", []),
        ("I like APIs, should I go AI or ML?", []),
    ],
)
def test_questions_attached_to_a_self_description(kb, text, asked):
    assert iv.attached_questions(kb, text) == asked


def test_an_answer_asking_whether_it_changes_anything_says_what_was_noted(kb):
    state = replace(begin(kb, Message("which role fits me", "ask_role_fit")).state, current="fit_math")
    turn = say(kb, state, "Actually I also really enjoyed my stats course. Does that change anything?")
    assert turn.state.answers["fit_math"].option == "high"
    assert any(n.startswith("Noted: you are comfortable with advanced math") for n in turn.notes)
    assert any("my lean so far is" in n or "both roles fit" in n for n in turn.notes)


def test_a_what_if_says_where_the_lean_would_go_and_stores_nothing(kb):
    state = replace(begin(kb, Message("I love stats and training models. Which role?", "ask_role_fit")).state)
    turn = say(kb, state, "and if I find out I prefer the cloud and deployment part?", "ask_role_fit")
    assert replace(turn.state, pointed=None) == state and len(turn.notes) == 1  # no answer stored
    assert turn.notes[0].startswith("If so, AI Engineer would be my lean")


@pytest.mark.parametrize(
    "text, says",
    [
        ("and if I join a big company later?", "separate"),
        ("what if I end up at a startup?", "both roles"),
        ("and if I find out I prefer the cloud and deployment part?", "APIs"),
    ],
)
def test_a_what_if_says_what_the_article_says_about_what_it_supposes(kb, text, says):
    state = begin(kb, Message("I like both building models and deploying them. Which role am I?", "ask_role_fit")).state
    turn = say(kb, state, text, "ask_both_roles")
    assert replace(turn.state, pointed=None) == state and len(turn.notes) == 1 and says in turn.notes[0]


def test_ab_tests_are_statistics(kb):
    assert pick(kb, "fit_math", "I run campaigns and A/B tests", strong=True) == "high"


def test_someone_torn_between_the_two_is_read_as_both(kb):
    text = "I like both training models and deploying them, honestly can't decide. What does the article say?"
    assert iv.described_answers(kb, text)["fit_work"].option == "both"
    assert iv.wants_a_lean(kb, Message(text.replace("say?", "say about choosing?"), "ask_responsibilities", (), 0.37))


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "I like modeling and Docker. Is there a role that does both, and does it pay more?",
            [("Is there a role that does both", "ask_both_roles"), ("does it pay more?", "ask_salary_factors")],
        ),
        (
            "I'm a QA engineer. Where could I contribute in an AI project?",
            [("Where could I contribute in an AI project?", "ask_workflow")],
        ),
        ("I like APIs. what would the pay be?", [("what would the pay be?", "ask_salary")]),
    ],
)
def test_attached_questions_the_words_name_no_topic_for(kb, text, asked):
    assert iv.attached_questions(kb, text) == asked


def test_a_question_after_a_leading_phrase_does_not_revise_the_recommendation(kb):
    done = begin(kb, Message("data analyst: SQL, pandas, cleaning messy data. I want to build predictive models."))
    done = replace(done.state, status=DONE, current=None)
    asked = Message("in the predictive analytics scenario, what would I be doing", "ask_scenarios")
    assert iv.revise(kb, done, asked) is None
    assert iv.revise(kb, done, Message("actually I love statistics", "inform")) is not None


def test_a_topic_asked_back_then_judged_takes_the_judgement(kb):
    assert pick(kb, "fit_cloud", "and APIs? i dont like them so much", strong=True) == "no"
    assert pick(kb, "fit_cloud", "what about APIs? love them", strong=True) == "yes"


def test_short_questions_inside_a_statement(kb):
    assert iv.asked_parts("and APIs? i dont like them so much") == ["and APIs?"]
    assert iv.asked_parts("I love statistics, it is my thing") == []


def test_the_quote_keeps_the_role_names_blanked_for_matching(kb):
    said = iv.described_answers(kb, "I think I want to be an ML engineer, since I like training models")
    assert said["fit_work"].said == "I think I want to be an ML engineer, since I like training models"


@pytest.mark.parametrize(
    ("text", "confidence", "advice"),
    [
        (
            "I'm a licensed electrician with 10 years in the trade, should I go for my master electrician license or "
            "start my own business?",
            0.79,
            False,
        ),
        ("I'm an electrician with 10 years in the trade, which role would suit me better?", 0.79, True),
        ("I'm a licensed electrician, should I go for my master license or start a business?", 0.5, True),
    ],
)
def test_a_sure_off_topic_career_question_is_not_read_as_asking_for_advice(kb, text, confidence, advice):
    message = Message(text, "out_of_scope", (), confidence)
    assert iv._may_want_advice(message) is advice


@pytest.mark.parametrize(
    "text",
    [
        "which workflow steps would I be handling, and who would I mostly collaborate with?",
        "what would I be doing day to day as an AI engineer?",
        "could I be earning more in a year?",
    ],
)
def test_what_i_would_be_doing_asks_about_the_work_not_which_role(kb, text):
    message = Message(text, "ask_responsibilities", (), 0.6)
    assert not iv.wants_the_interview(kb, message) and not iv.wants_a_lean(kb, message)


@pytest.mark.parametrize(
    "text",
    ["how do I choose between the two later on?", "how should I decide between them?", "how would one pick?"],
)
def test_how_to_choose_mid_interview_is_asked_aside(kb, text):
    state = begin(kb, Message("so how do I choose?", "ask_role_fit")).state
    turn = say(kb, state, text, "ask_role_fit")
    assert turn.side_question and turn.state.answers == state.answers
    assert "ask_which_better" in iv.aside_intents(kb, {"text": text, "intent": {"name": "ask_role_fit"}}, "role_fit")


@pytest.mark.parametrize(
    "text, role",
    [
        ("if I like building systems which role should I go for", "AI Engineer"),
        ("ok so if I prefer developing models which one should I pick", "Machine Learning Engineer"),
    ],
)
def test_an_answer_that_asks_which_one_hears_the_lean(kb, text, role):
    state = begin(kb, Message("so how do I choose?", "ask_role_fit")).state
    turn = say(kb, state, text, "inform")
    assert any(f"my lean so far is {role}" in n for n in turn.notes)


@pytest.mark.parametrize(
    "text",
    [
        "Math is fine but not my passion. Where should I go?",
        "Stats is ok, but not really my thing. Which role?",
        "linear algebra is fine, but honestly not my strength. which one?",
    ],
)
def test_a_but_clause_that_only_qualifies_the_subject_is_about_it(kb, text):
    assert iv.described_answers(kb, text)["fit_math"].option == "low"


def test_a_but_clause_naming_something_else_is_not_about_math(kb):
    said = iv.described_answers(kb, "math isn't my strong side but I'm good at building systems")
    assert said["fit_math"].option == "low" and said["fit_work"].option == "systems"

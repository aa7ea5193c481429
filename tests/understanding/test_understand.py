"""One message -> its questions: exact subjects, several questions, follow-ups, corrections, missing facts."""

from __future__ import annotations

import pytest

from actions.answers.phrasing import combine
from actions.answers.pipeline import render
from actions.answers.registry import RENDERERS
from actions.knowledge import KnowledgeBase
from actions.understanding.understand import merge_entities, understand, unknown_occupation
from actions.understanding.vocabulary import normalizer_for


def ask(kb, intent, text, previous=None, entities=()):
    return understand(kb, intent, list(entities), previous or {}, text)


def reply(kb, intent, text, previous=None, entities=()):
    questions = ask(kb, intent, text, previous, entities)
    return combine([render(kb, q) for q in questions]), questions[-1].context_slots()


def test_merge_keeps_nlu_and_adds_what_it_missed():
    nlu = [{"entity": "role", "value": "ml_engineer"}]
    scanned = [{"entity": "location", "value": "germany"}, {"entity": "role", "value": "ml_engineer"}]
    merged = merge_entities(nlu, scanned)
    assert [e["entity"] for e in merged] == ["role", "location"]


def test_two_questions_in_one_message_answered_in_order(kb):
    questions = ask(kb, "ask_salary", "what does an ML engineer earn and which tools do they use?")
    assert [q.topic for q in questions] == ["salary", "tools"]
    assert all(q.role == "ml_engineer" for q in questions)  # 'they' in part 2 is part 1's role
    answer, slots = reply(kb, "ask_salary", "what does an ML engineer earn and which tools do they use?")
    assert answer.text.index("$90,000–$115,000") < answer.text.index("TensorFlow")
    assert slots["topic"] == "tools"


def test_one_question_stays_one(kb):
    assert len(ask(kb, "ask_salary", "how much does a senior AI engineer earn in the US?")) == 1
    assert len(ask(kb, "ask_skill_gap", "I know python and sql, what do I need for ML?")) == 1


def test_skill_row_compared(kb):
    answer, _ = reply(kb, "ask_skill_comparison", "which role needs more security knowledge?")
    assert "Security: AI Engineer High, ML Engineer Medium" in answer.text
    assert "AI Engineers need more" in answer.text and "Model Development" not in answer.text
    assert any(b.payload == "/ask_skill_comparison" for b in answer.buttons)


def test_one_steps_tools(kb):
    answer, _ = reply(kb, "ask_tools", "tools for data ingestion")
    assert "Apache Kafka, AWS S3, Azure Data Factory and Google BigQuery" in answer.text
    assert "TensorFlow" not in answer.text


def test_stage_after_the_basics(kb):
    answer, _ = reply(kb, "ask_learning_path", "what do I study after the basics?")
    assert "Intermediate" in answer.text and "Foundation" not in answer.text


def test_monitoring_question_gets_monitoring(kb):
    answer, _ = reply(kb, "ask_tools", "how do teams keep an eye on models once deployed?")
    assert "Prometheus" in answer.text and "TensorFlow" not in answer.text


def test_what_is_mlops_is_not_the_role_comparison(kb):
    answer, _ = reply(kb, "ask_role_comparison", "what is MLOps?")
    assert "doesn't define MLOps" in answer.text and "MLOps & Monitoring" in answer.text
    assert "Side by side" not in answer.text


def test_germany_salary_says_us_only(kb):
    answer, _ = reply(kb, "ask_salary", "how much would I earn in Germany as an ML engineer?")
    assert "only the United States" in answer.text and "Germany" in answer.text
    assert "$90,000" not in answer.text and "Machine Learning Engineer" in answer.text


def test_location_on_another_topic_still_says_us_only(kb):
    answer, _ = reply(kb, "ask_careers", "are there AI jobs in India?")
    assert "nothing specific to India" in answer.text and "United States" in answer.text


def test_missing_facts_say_so_then_offer_what_exists(kb):
    answer, _ = reply(kb, "ask_salary", "which company pays most?")
    assert answer.text.startswith("The article names no companies") and "$" not in answer.text
    answer, _ = reply(kb, "ask_future_proof", "demand growth in percent?")
    assert "no figures on demand" in answer.text and "remain relevant" in answer.text
    answer, _ = reply(kb, "ask_salary", "how much does a data engineer make?")
    assert "'data engineer'" in answer.text and "only AI Engineers and Machine Learning Engineers" in answer.text


def test_tool_list_then_which_role_uses_them_more(kb):
    _, slots = reply(kb, "ask_tools", "what ML frameworks are there?")
    answer, _ = reply(kb, "ask_role_comparison", "which role uses them more?", slots)
    assert "Machine Learning Engineers lean on the ML frameworks" in answer.text


def test_scenario_then_role_in_it(kb):
    _, slots = reply(kb, "ask_scenarios", "tell me about the predictive analytics scenario")
    ents = [{"entity": "role", "value": "ai_engineer"}]
    answer, _ = reply(kb, "ask_role_definition", "what does the AI engineer do in it?", slots, ents)
    assert "builds APIs for business dashboards" in answer.text
    assert "forecasting models" not in answer.text and "What an AI Engineer does:" not in answer.text


def test_step_after_that(kb):
    _, slots = reply(kb, "ask_workflow", "what happens during data prep?")
    answer, slots = reply(kb, "ask_workflow", "and the step after that?", slots)
    assert "step 3 of 6, Model Development" in answer.text
    answer, _ = reply(kb, "inform", "and the one before that?", slots)
    assert "step 2 of 6, Data Preparation" in answer.text


def test_correction_redoes_previous_question(kb):
    _, slots = reply(kb, "ask_salary", "what does a senior AI engineer make?")
    ents = [{"entity": "role", "value": "ML engineer"}]
    answer, _ = reply(kb, "ask_role_definition", "oops, I meant ML engineer", slots, ents)
    assert "Machine Learning Engineer, senior level: $145,000–$180,000+" in answer.text


def test_crafted_subject_slot_is_ignored(kb):
    previous = {"topic": "scenarios", "subject": "scenario:nonsense"}
    questions = ask(kb, "ask_scenarios", "and for the ML engineer?", previous)
    assert questions[0].scenario is None
    assert render(kb, questions[0]).text


def test_corrected_intent(kb):
    from actions.understanding.understand import corrected_intent

    assert corrected_intent(kb, "ask_best_practices", "what breaks in models after months in production?", False) == (
        "ask_challenges"
    )
    assert (
        corrected_intent(kb, "ask_job_titles", "what is each role mainly focused on?", False) == "ask_responsibilities"
    )
    assert corrected_intent(kb, "ask_best_practices", "how do teams keep an eye on models once live?", True) == (
        "ask_workflow"
    )
    # the words support NLU, or say nothing: NLU stands
    assert corrected_intent(kb, "ask_salary_comparison", "how much more does a senior MLE make?", False) == (
        "ask_salary_comparison"
    )
    assert corrected_intent(kb, "ask_best_practices", "what do good teams do?", False) == "ask_best_practices"
    assert corrected_intent(kb, "ask_skill_gap", "I know SQL, what's left for ML?", False) == "ask_skill_gap"
    assert corrected_intent(kb, "inform", "and senior?", False) == "inform"


def test_role_question_about_a_named_subject(kb):
    from actions.understanding.understand import corrected_intent

    assert (
        corrected_intent(
            kb, "ask_role_definition", "what does the ai engineer do in the enterprise skills stage?", {"path_stage"}
        )
        == "ask_learning_path"
    )
    assert (
        corrected_intent(kb, "ask_tools", "is cloud deployment more of an AI engineer thing?", {"skill", "role"})
        == "ask_skills"
    )
    answer, _ = reply(kb, "ask_role_definition", "in the predictive analytics example, what's the ML engineer's job?")
    assert "develops forecasting models" in answer.text and "CRM" not in answer.text


@pytest.mark.parametrize(
    ("text", "occupation"),
    [
        ("wat do pilots earn in india", "pilots"),
        ("what is salary of bank clerk in fresher level?", "bank clerk"),
        ("are cybersecurity analysts paid well", "cybersecurity analysts"),
        ("how much do electricians make per hour", "electricians"),
        ("how much does an ML engineer make?", None),
        ("salary of a senior ml engineer", None),
        ("how much do data scientists make", None),  # a KB job title: its own answer
        ("what would I earn starting out", None),
        ("how much can a fresher earn", None),
        ("what do they make", None),
    ],
)
def test_a_pay_question_names_an_occupation_only_when_the_kb_has_no_such_role_or_title(
    kb: KnowledgeBase, text: str, occupation: str | None
) -> None:
    assert unknown_occupation(text, normalizer_for(kb)) == occupation


def test_pay_for_an_occupation_the_article_lacks_says_so_and_offers_the_us_ranges(kb: KnowledgeBase) -> None:
    (question,) = understand(kb, "ask_salary", [], {}, "what do pilots earn?")
    answer = RENDERERS["salary"](kb, question)
    assert answer.text.startswith("I don't have salary figures for 'pilots'")
    assert "$" not in answer.text and "US salary ranges" in [b.title for b in answer.buttons]


def test_topic_words_do_not_overrule_a_sure_nlu(kb):
    from actions.understanding.understand import corrected_intent

    text = "can I become an AI consultant after learning AI"  # 'learning' is a learning-path cue
    assert corrected_intent(kb, "ask_careers", text) == "ask_learning_path"
    assert corrected_intent(kb, "ask_careers", text, nlu_sure=True) == "ask_careers"
    # a role question about a named scenario is about the scenario, however sure NLU is
    scenario = "what does the AI engineer do in the customer support automation scenario"
    assert corrected_intent(kb, "ask_role_definition", scenario, {"scenario"}, nlu_sure=True) == "ask_scenarios"


def test_a_skill_gap_needs_the_person_or_something_missing(kb):
    from actions.understanding.understand import corrected_intent

    assert corrected_intent(kb, "ask_skill_gap", "how much python do these jobs need") == "ask_skills"
    for text in ("I know SQL, what's left for ML?", "do the skill gap check", "which skills am I missing"):
        assert corrected_intent(kb, "ask_skill_gap", text) == "ask_skill_gap"


def test_level_by_position_other_role_and_a_mid_level_one(kb):
    answer, slots = reply(kb, "ask_salary", "what about the third level for AI engineers")
    assert "$140,000–$170,000+" in answer.text and "$85,000" not in answer.text
    _, slots = reply(kb, "ask_responsibilities", "what's an AI engineer's main focus?")
    answer, slots = reply(kb, "ask_salary", "how much does a mid-level one earn", slots)
    assert "$110,000–$140,000" in answer.text and "$115,000" not in answer.text
    answer, _ = reply(kb, "ask_salary_comparison", "what about the pay for the other role at the same level", slots)
    assert "$115,000–$145,000" in answer.text and "$110,000" not in answer.text


def test_middle_and_last_of_a_roles_steps_and_the_shared_step(kb):
    ai = [{"entity": "role", "value": "ai_engineer"}]
    _, slots = reply(kb, "ask_workflow", "which steps does an AI engineer usually handle", entities=ai)
    answer, slots = reply(kb, "ask_scenarios", "what does the middle one of those involve", slots)
    assert "step 5 of 6, Deployment and Integration" in answer.text
    answer, slots = reply(kb, "ask_other_role", "and the last of them", slots)  # no 'other' in it: the list
    assert "step 6 of 6, Monitoring and Maintenance" in answer.text
    answer, _ = reply(kb, "ask_workflow", "which step do they both share then", slots)
    assert "step 4 of 6, Testing and Validation" in answer.text


def test_a_step_named_before_a_before_clause_is_the_one_asked(kb):
    answer, slots = reply(kb, "ask_workflow", "what kind of tests happen before a model is deployed")
    assert "step 4 of 6, Testing and Validation" in answer.text
    answer, _ = reply(kb, "ask_workflow", "what comes after cleaning the data")
    assert "step 3 of 6, Model Development" in answer.text


def test_next_step_after_a_tool_answer_moves_from_the_tools_step(kb):
    tool = [{"entity": "tool", "value": "azure data factory"}]
    _, slots = reply(kb, "ask_tools", "what is Azure Data Factory used for?", entities=tool)
    answer, _ = reply(kb, "ask_tools", "ok what about the next step's tools", slots)
    assert answer.text.startswith("Tools for step 2, Data Preparation")


def test_an_elliptical_part_asks_the_part_befores_question(kb):
    questions = ask(
        kb, "ask_challenges", "Which challenges do AI engineers address and which do ML engineers focus on?"
    )
    assert [(q.topic, q.roles) for q in questions] == [
        ("challenges", ("ai_engineer",)),
        ("challenges", ("ml_engineer",)),
    ]


def test_a_which_role_answer_is_what_its_and_the_other_role_point_at(kb):
    from actions.answers.pipeline import answer_message

    def say(text, slots, entities=()):
        message = {"text": text, "intent": {"name": "ask_tools" if not slots else "ask_salary"}, "entities": entities}
        (question, answer), *_ = answer_message(kb, message, slots)
        return answer, {**slots, **question.context_slots()}

    k8s = [{"entity": "tool", "value": "kubernetes"}]
    _, slots = say("which role works with Kubernetes more", {}, k8s)
    assert slots["subject"] == "skill:kubernetes|answered:ai_engineer" and slots["role"] is None
    answer, slots = say("what's its salary at entry", slots)
    assert "$85,000–$110,000" in answer.text and "$90,000" not in answer.text


def test_a_new_scenario_or_a_who_question_drops_the_carried_role(kb):
    _, slots = reply(kb, "ask_scenarios", "walk me through the customer support example")
    ml = [{"entity": "role", "value": "ml_engineer"}]
    _, slots = reply(kb, "ask_role_definition", "what exactly did the ML engineer do there", slots, ml)
    answer, slots = reply(kb, "ask_scenarios", "now the second scenario", slots)
    assert "develops forecasting models" in answer.text and "builds APIs for business dashboards" in answer.text
    _, slots = reply(kb, "ask_role_definition", "what does the ML engineer do in it", slots, ml)
    answer, _ = reply(kb, "ask_responsibilities", "who deploys it", slots)
    assert "AI Engineer: builds APIs" in answer.text


def test_in_the_us_after_another_place_is_the_us_figure(kb):
    ents = [{"entity": "role", "value": "ml_engineer"}, {"entity": "level", "value": "junior"}]
    _, slots = reply(kb, "ask_salary", "salary range for a junior machine learning engineer", entities=ents)
    answer, slots = reply(
        kb, "ask_salary", "what would that be in London?", slots, [{"entity": "location", "value": "London"}]
    )
    assert "$" not in answer.text
    answer, _ = reply(
        kb, "inform", "ok fine, what about a senior one in the US then", slots, [{"entity": "level", "value": "senior"}]
    )
    assert "$145,000–$180,000+" in answer.text


def test_who_leads_then_its_steps_then_positions_within_them(kb):
    from actions.answers.pipeline import answer_message

    slots: dict = {}
    replies = []
    for intent, text in [
        ("ask_responsibilities", "which role leads deployment"),
        ("ask_workflow", "and which workflow steps does it manage"),
        ("ask_tools", "tools for the first of those steps"),
        ("ask_other_role", "and the third"),
    ]:
        message = {"text": text, "intent": {"name": intent}, "entities": []}
        (question, answer), *_ = answer_message(kb, message, slots)
        slots = {**slots, **question.context_slots()}
        replies.append(answer.text)
    assert replies[1].startswith("Workflow steps for AI Engineers")
    assert replies[2].startswith("Tools for step 4, Testing and Validation")
    assert replies[3].startswith("Tools for step 6, Monitoring and Maintenance")


def test_a_cap_on_the_pay_shows_the_bands_with_what_the_plus_means(kb):
    ents = [{"entity": "role", "value": "ml_engineer"}, {"entity": "level", "value": "senior"}]
    _, slots = reply(kb, "ask_salary", "what does a senior ML engineer make", entities=ents)
    answer, _ = reply(kb, "ask_salary_factors", "is there a cap? it says plus or something", slots)
    assert "$145,000–$180,000+" in answer.text and "no fixed ceiling" in answer.text


# ---------- why: every question carries the steps that routed it (logged by the action) ----------


def test_a_plain_question_is_routed_by_nlu(kb):
    (question,) = ask(kb, "ask_salary", "what does a senior ML engineer earn?")
    assert question.reason == ("nlu ask_salary",)
    assert question.route().startswith("topic=salary roles=ml_engineer level=senior")


def test_the_words_overruling_nlu_say_so(kb):
    (question,) = ask(kb, "ask_best_practices", "what breaks in models after months in production?")
    assert question.topic == "challenges"
    assert question.reason == ("nlu ask_best_practices", "the words ask ask_challenges")


def test_a_follow_up_names_the_thread_and_a_shift_its_step(kb):
    (question,) = ask(kb, "inform", "and the step after?", {"topic": "workflow", "stage": "data_ingestion"})
    assert question.stage != "data_ingestion"
    assert question.reason[0] == "nlu inform"
    assert "thread: follows up on workflow" in question.reason
    assert question.reason[-1] == "the step or level before/after"


def test_a_missing_fact_and_each_part_say_so(kb):
    (question,) = ask(kb, "ask_salary", "which companies pay AI engineers the most?")
    assert question.missing == "companies"
    assert question.reason[-1] == "asks a kind of fact the article lacks: companies"
    first, second = ask(kb, "ask_salary", "what does an ML engineer earn and which tools do they use?")
    assert first.reason[0] == "part 1 of 2" and second.reason[0] == "part 2 of 2"
    assert "topic=tools" in second.route()


def test_english_words_are_no_typos_but_still_names_the_article_lacks(kb):
    """'Julia' and 'Scala' are English words (never mended) and names the article never uses (said so)."""
    from actions.understanding.understand import unknown_names

    assert unknown_names(kb, "what about Julia or Scala?") == ["Julia", "Scala"]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("sorry, I meant AI not ML", "ai_engineer"),
        ("sorry, AI not ML", "ai_engineer"),
        ("no wait, ML not AI", "ml_engineer"),
        ("AI engineers, not ML engineers", "ai_engineer"),
    ],
)
def test_a_correction_keeps_the_role_meant_and_drops_the_one_set_aside(kb, text, role):
    """NLU (and the scan) find the role set aside too; the contrast says which one is meant."""
    nlu = [{"entity": "role", "value": "ML"}, {"entity": "role", "value": "AI"}]
    (question,) = ask(kb, "inform", text, {"topic": "salary", "role": "ml_engineer", "level": "entry"}, nlu)
    assert (question.topic, question.roles, question.level) == ("salary", (role,), "entry")


def test_exact_figures_and_the_summary_table_are_asked_for_not_about(kb):
    """'the exact upper bound of ...' asks for a figure (not whether figures are exact); 'per the summary table'
    names the skills table (not a summary of the article)."""
    (pay,) = ask(kb, "ask_salary", "What is the exact upper bound of the mid-level AI engineer range?")
    assert (pay.topic, pay.missing, pay.level) == ("salary", None, "mid")
    (exact,) = ask(kb, "ask_salary", "are these figures exact?")
    assert exact.missing == "salary_source"
    (table,) = ask(kb, "ask_key_takeaways", "which role is stronger in security per the summary table?")
    assert table.topic == "skills"


@pytest.mark.parametrize(
    "text", ["I'm a PM, what do AI engineers do?", "as a SWE, which role fits?", "my CS degree is old", "I'm in QA"]
)
def test_ones_own_title_is_no_name_the_article_lacks(kb, text):
    """'I'm a PM': the person's own title, not something asked about ('The article does not mention PM')."""
    from actions.understanding.understand import unknown_names

    assert unknown_names(kb, text) == []
    assert unknown_names(kb, "what about CCPA?") == ["CCPA"]


@pytest.mark.parametrize(
    "text",
    [
        "I have been stuck at the same level for years, what would move my compensation up?",
        "how can I bump my pay as an AI engineer?",
        "what could raise my salary faster?",
    ],
)
def test_what_moves_ones_own_pay_is_the_salary_factors(kb, text):
    """Read as a pay question by NLU, the words ask what moves pay, not the bands."""
    assert [q.topic for q in understand(kb, "ask_salary", [], {}, text)] == ["salary_factors"]
    assert [q.topic for q in understand(kb, "ask_salary", [], {}, "what does a senior AI engineer make?")] == ["salary"]


@pytest.mark.parametrize(
    "text",
    [
        "I'm a product manager working with an AI team; what are the AI engineers supposed to be doing?",
        "our team works with two AI engineers, what does an AI engineer do all day?",
    ],
)
def test_ones_own_team_is_not_the_collaboration_row(kb, text):
    """Whom the person works with is their own situation; what the role does is its definition."""
    question = understand(kb, "ask_role_definition", [], {}, text)[-1]
    assert question.topic == "role_definition" and question.aspect is None
    asked = understand(kb, "ask_responsibilities", [], {}, "who do AI engineers work with?")[-1]
    assert asked.aspect == "collaboration"

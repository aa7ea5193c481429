"""Rendered answers carry the article's facts, name what they answer, and admit what the article lacks."""

from __future__ import annotations

import re

import pytest

from actions.answers.pipeline import render
from actions.answers.registry import RENDERERS
from actions.understanding.context import resolve
from actions.understanding.question import Question
from actions.understanding.vocabulary import normalizer_for

MONEY = re.compile(r"\$\d{1,3}(?:,\d{3})+\+?")
ARTICLE_FIGURES = {
    "$85,000",
    "$110,000",
    "$140,000",
    "$170,000+",
    "$90,000",
    "$115,000",
    "$145,000",
    "$180,000+",
    "$140,000+",
    "$145,000+",
    "$170,000",
    "$180,000",
    "$5,000",
    "$10,000",
}


def ask(kb, norm, intent, *entities, previous=None, text=""):
    ents = [{"entity": k, "value": v} for k, v in entities]
    return render(kb, resolve(intent, ents, previous or {}, text, norm))


def test_every_topic_renders_and_only_article_figures_appear(kb):
    for topic in RENDERERS:
        answer = render(kb, Question(topic=topic))
        assert answer.text.strip(), topic
        assert set(MONEY.findall(answer.text)) <= ARTICLE_FIGURES, topic


def test_salary_names_role_level_and_scope(kb, norm):
    text = ask(kb, norm, "ask_salary", ("role", "ml_engineer"), ("level", "senior")).text
    assert "Machine Learning Engineer, senior level" in text
    assert "$145,000–$180,000+" in text and "US, 2026 outlook" in text
    assert "AI Engineer" not in text


def test_salary_table_when_nothing_named(kb, norm):
    text = ask(kb, norm, "ask_salary").text
    for band in (
        "$85,000–$110,000",
        "$110,000–$140,000",
        "$140,000–$170,000+",
        "$90,000–$115,000",
        "$115,000–$145,000",
        "$145,000–$180,000+",
    ):
        assert band in text


def test_salary_outside_us_is_honest(kb, norm):
    text = ask(kb, norm, "ask_salary", ("role", "ai_engineer"), ("location", "Germany")).text
    assert "only the United States" in text and "Germany" in text
    assert "$" not in text, "a US figure would answer another question (issue 26); it is one button away"
    answer = ask(kb, norm, "ask_salary", ("role", "ai_engineer"), ("location", "Germany"))
    assert any(b.title == "US salary ranges" and "ai_engineer" in b.payload for b in answer.buttons)


def test_salary_for_other_titles_is_honest(kb, norm):
    text = ask(kb, norm, "ask_salary", ("job_title", "mlops_engineer")).text
    assert "no numbers for MLOps Engineer" in text


def test_salary_for_unknown_level_is_honest(kb, norm):
    text = ask(kb, norm, "ask_salary", ("level", "principal"), ("role", "ml_engineer")).text
    assert "entry, mid and senior levels only" in text and "'principal'" in text


def test_salary_buttons_offer_follow_ups(kb, norm):
    answer = ask(kb, norm, "ask_salary", ("role", "ai_engineer"), ("level", "entry"))
    payloads = [b.payload for b in answer.buttons]
    assert '/inform{"level": "mid"}' in payloads and "/ask_other_role" in payloads


def test_salary_comparison_arithmetic(kb, norm):
    text = ask(kb, norm, "ask_salary_comparison", ("level", "senior")).text
    assert "Machine Learning Engineer earns more, by $5,000 at the bottom of the range and $10,000 at the top" in text
    text = ask(kb, norm, "ask_salary_comparison", ("level", "entry")).text
    assert "earns more, by $5,000 at both ends" in text


@pytest.mark.parametrize(
    ("entities", "expected"),
    [
        (
            (("stage", "deployment_integration"),),
            ["step 5 of 6", "Docker", "Kubernetes", "CI/CD pipelines", "AI Engineers"],
        ),
        ((("stage", "data_preparation"),), ["Python (Pandas, NumPy)", "Spark", "Machine Learning Engineers"]),
        ((("role", "ai_engineer"),), ["steps 4 to 6", "Testing and Validation", "Monitoring and Maintenance"]),
        ((), ["1. Data Ingestion", "Apache Kafka", "6. Monitoring and Maintenance", "steps 4–6", "steps 2–4"]),
    ],
)
def test_workflow(kb, norm, entities, expected):
    text = ask(kb, norm, "ask_workflow", *entities).text
    for fact in expected:
        assert fact in text


@pytest.mark.parametrize(
    ("entities", "expected"),
    [
        ((("tool", "k8s"),), ["Kubernetes", "MLOps and deployment tools", "step 5"]),
        ((("tool", "ml frameworks"),), ["TensorFlow, PyTorch, Scikit-learn and Keras", "Machine Learning Engineers"]),
        ((("role", "ml_engineer"),), ["modeling libraries", "TensorFlow"]),
        ((("stage", "monitoring_maintenance"),), ["Prometheus", "Grafana"]),
        ((("tool", "Excel"),), ["doesn't mention Excel"]),
    ],
)
def test_tools(kb, norm, entities, expected):
    text = ask(kb, norm, "ask_tools", *entities).text
    for fact in expected:
        assert fact in text


def test_skill_levels(kb, norm):
    text = ask(kb, norm, "ask_skills", ("skill", "api"), ("role", "ml_engineer")).text
    assert "API & Microservices (specialised-skills table): Basic" in text and "Advanced" not in text
    text = ask(kb, norm, "ask_skills", ("skill", "api")).text
    assert "API & Microservices" in text and "AI Engineer Advanced, ML Engineer Basic" in text
    text = ask(kb, norm, "ask_skills", ("role", "ai_engineer")).text
    assert "System Integration: Advanced" in text and "Model Development: Moderate" in text


def test_role_definition_and_unknown_role(kb, norm):
    assert "What a Machine Learning Engineer does" in ask(kb, norm, "ask_role_definition", ("role", "ml_engineer")).text
    assert "not 'data wizard'" in ask(kb, norm, "ask_role_definition", ("role", "data wizard")).text


def test_responsibilities_aspect(kb, norm):
    text = ask(kb, norm, "ask_responsibilities", ("aspect", "collaboration")).text
    assert "DevOps and product teams" in text and "data teams" in text


def test_learning_path_stage(kb, norm):
    text = ask(kb, norm, "ask_learning_path", ("path_stage", "advanced")).text
    assert "MLOps and system design" in text and "deep learning and model tuning" in text


def test_faq_and_lists(kb, norm):
    assert "GDPR, HIPAA and SOC 2" in ask(kb, norm, "ask_enterprise_constraints").text
    assert "MLOps Engineer" in ask(kb, norm, "ask_job_titles").text
    assert "Cloud AI Specialist" in ask(kb, norm, "ask_careers").text
    assert "role-based access control" in ask(kb, norm, "ask_best_practices").text
    assert "linear algebra" in ask(kb, norm, "ask_math").text
    assert "Cloud AI certifications" in ask(kb, norm, "ask_certifications").text
    assert "smaller teams" in ask(kb, norm, "ask_both_roles").text


def test_every_topic_offers_a_next_step(kb):
    """Issue 18: no dead ends. Every answer, for any topic, comes with at least one quick reply."""
    for topic in RENDERERS:
        assert render(kb, Question(topic=topic)).buttons, topic


def test_one_skill_row_has_a_button_for_the_whole_table(kb, norm):
    answer = ask(kb, norm, "ask_skills", ("skill", "security"))
    assert "Security (summary table): AI Engineer High, ML Engineer Medium" in answer.text
    assert "/ask_skill_comparison" in [b.payload for b in answer.buttons]


def test_skill_comparison_narrowed_to_named_skill(kb, norm):
    text = ask(kb, norm, "ask_skill_comparison", ("skill", "api")).text
    assert "API & Microservices: AI Engineer Advanced, ML Engineer Basic" in text
    assert "Cloud Services" not in text and "AI Engineers need more" in text


def test_tools_compared_by_role(kb):
    text = render(kb, Question(topic="tools", compare=True)).text
    assert "containerization and cloud services" in text and "modeling libraries" in text


def test_scenario_for_one_role(kb):
    text = render(kb, Question(topic="scenarios", roles=("ml_engineer",), scenario="predictive_analytics")).text
    assert "develops forecasting models" in text and "chatbot" not in text


def test_challenges_compared(kb):
    text = render(kb, Question(topic="challenges", compare=True)).text
    assert "infrastructure scaling" in text and "model performance drift" in text


def test_concept_lists_where_the_term_appears(kb):
    text = render(kb, Question(topic="concept", term="Kubeflow")).text
    assert "doesn't define Kubeflow" in text and "MLOps and deployment tools" in text


def test_missing_fact_answer_names_absence_first(kb):
    text = render(kb, Question(topic="salary", missing="pay_extras", roles=("ai_engineer",))).text
    assert text.startswith("The article's salary figures are yearly base ranges only")
    assert "$" not in text, "no table that answers another question (issue 26)"


def test_remote_salary_is_honest(kb):
    text = render(kb, Question(topic="salary", location="remote")).text
    assert "only the United States" in text and "remote" in text


def test_combine_keeps_order_and_last_buttons(kb):
    from actions.answers.phrasing import combine

    first = render(kb, Question(topic="math"))
    second = render(kb, Question(topic="certifications"))
    both = combine([first, second])
    assert both.text.index("advanced math") < both.text.index("Cloud AI certifications")
    assert both.buttons == second.buttons


def test_domain_responses_offer_a_next_step():
    """Issue 18: every reply but the goodbye offers quick replies (answers are checked above)."""
    from pathlib import Path

    import yaml

    domain = yaml.safe_load((Path(__file__).parents[2] / "domain.yml").read_text())
    for name, variants in domain["responses"].items():
        if name == "utter_goodbye":
            continue
        assert all(v.get("buttons") for v in variants), name


def test_every_kb_topic_has_a_renderer_in_the_one_registry(kb):
    """The registry production and tests share: every topic the KB offers is rendered (the interview apart)."""
    assert set(kb.topics) - set(RENDERERS) == {"role_fit"}


@pytest.mark.parametrize(("confidence", "topic"), [(0.95, "careers"), (0.5, "learning_path")])
def test_answer_message_trusts_a_sure_nlu(kb, confidence, topic):
    from actions.answers.pipeline import answer_message

    message = {
        "text": "can I become an AI consultant after learning AI",
        "intent": {"name": "ask_careers", "confidence": confidence},
        "entities": [],
    }
    ((question, answer),) = answer_message(kb, message, {})
    assert question.topic == topic and answer.text


def test_answer_message_with_an_intent_chosen_by_the_clarifier_ignores_nlu_confidence(kb):
    from actions.answers.pipeline import answer_message

    message = {"text": "after learning AI?", "intent": {"name": "ask_careers", "confidence": 0.99}, "entities": []}
    ((question, _),) = answer_message(kb, message, {}, intent="ask_learning_path")
    assert question.topic == "learning_path"


def test_skill_gap_without_known_skills_shows_the_named_roles_skills_and_asks(kb, norm):
    q = resolve("ask_skill_gap", [{"entity": "role", "value": "ml_engineer"}], {}, "what would I still need?", norm)
    text = render(kb, q).text
    assert "Machine Learning Engineer" in text and "Tell me what you already know" in text
    unnamed = render(kb, resolve("ask_skill_gap", [], {}, "what am I missing?", norm)).text
    assert unnamed.startswith("Tell me what you already know")


def test_best_practices_about_one_step_adds_that_step(kb, norm):
    q = resolve("ask_best_practices", [{"entity": "stage", "value": "monitoring"}], {}, "x", norm)
    text = render(kb, q).text
    assert "Best practices" in text.splitlines()[0] and "Prometheus" in text and "Grafana" in text
    assert "Prometheus" not in render(kb, resolve("ask_best_practices", [], {}, "x", norm)).text


def test_two_tool_categories_asked_at_once_are_both_listed(kb):
    norm = normalizer_for(kb)
    terms = (norm.term("ML frameworks"), norm.term("cloud AI platforms"))
    text = render(kb, Question(topic="tools", tool_terms=terms)).text
    for tool in ("TensorFlow", "PyTorch", "SageMaker", "Vertex AI"):
        assert tool in text, text
    assert "Docker" not in text, text  # only the two categories asked, not every tool


def test_a_title_named_says_where_the_article_lists_it(kb):
    ask_titles = Question(topic="job_titles", job_title="applied_ai_developer", text="and Applied AI Developer?")
    text = render(kb, ask_titles).text
    assert text.startswith("Yes") and "AI-focused" in text
    text = render(
        kb, Question(topic="careers", job_title="cloud_ai_specialist", text="is Cloud AI Specialist one of them?")
    ).text
    assert text.startswith("Yes") and "careers" in text
    text = render(
        kb, Question(topic="careers", unknown=(("role", "Prompt Engineer"),), text="and Prompt Engineer?")
    ).text
    assert text.startswith("No") and "Prompt Engineer" in text
    side = render(
        kb, Question(topic="job_titles", job_title="mlops_engineer", text="is MLOps Engineer on the AI or ML side?")
    )
    assert "ML-focused" in side.text and not side.text.startswith(("Yes", "No"))


def test_who_in_a_scenario_names_the_role_first(kb):
    asked = Question(topic="scenarios", scenario="customer_support_automation", text="and who monitors uptime there?")
    assert "The AI Engineer does that" in render(kb, asked).text.splitlines()[0]
    asked = Question(topic="scenarios", scenario="customer_support_automation", text="who evaluates accuracy and bias?")
    assert "The Machine Learning Engineer does that" in render(kb, asked).text.splitlines()[0]


def test_a_list_filtered_by_what_to_leave_out(kb):
    asked = Question(topic="enterprise_constraints", text="what's a constraint that isn't about regulation?")
    text = render(kb, asked).text
    assert "uptime" in text and "GDPR" not in text


def test_is_one_of_the_listed_items_says_yes(kb):
    asked = Question(topic="challenges", text="is model performance drift one of the challenges listed?")
    assert render(kb, asked).text.startswith("Yes") and "drift" in render(kb, asked).text


def test_which_step_uses_a_tool_is_that_step(kb, norm):
    asked = resolve(
        "ask_workflow", [{"entity": "tool", "value": "kafka"}], {}, "which workflow step uses Apache Kafka?", norm
    )
    assert render(kb, asked).text.startswith("Workflow step 1 of 6, Data Ingestion")


def test_a_core_area_lists_its_items(kb, norm):
    text = render(kb, resolve("ask_skills", [], {}, "is C++ listed as a programming language?", norm)).text
    assert "Yes" in text.splitlines()[0] and "Python, Java or C++" in text
    text = render(
        kb, resolve("ask_tools", [], {"topic": "skills"}, "which version control stuff is in there", norm)
    ).text
    assert "Git" in text
    asked = resolve("inform", [], {"topic": "skill_comparison"}, "which programming languages specifically?", norm)
    assert "Python, Java or C++" in render(kb, asked).text


def test_is_a_tool_listed_says_yes(kb, norm):
    asked = resolve(
        "ask_tools", [{"entity": "tool", "value": "java"}], {}, "Is Java listed as a development tool?", norm
    )
    assert render(kb, asked).text.startswith("Yes: Java is listed under Development tools (")


def test_an_industry_listed_says_yes(kb):
    asked = Question(topic="careers", text="is manufacturing one of the industries mentioned?")
    assert render(kb, asked).text.startswith("Yes: manufacturing")


def test_who_does_a_use_case_or_constraint(kb):
    text = render(kb, Question(topic="use_cases", item=1, text="for the first one, which role does what?")).text
    assert "CRM" in text and "intent classification" in text
    text = render(kb, Question(topic="enterprise_constraints", item=-1, text="who deals with that?")).text
    assert "AI Engineers tend to take this one on" in text


def test_one_roles_primary_focus_says_the_work_day_to_day(kb):
    asked = Question(topic="responsibilities", aspect="primary_focus", roles=("ml_engineer",), text="day to day?")
    text = render(kb, asked).text
    assert "model development and optimization" in text and "feature engineering" in text


def test_items_of_the_shared_skills(kb, norm):
    asked = resolve(
        "ask_skills",
        [{"entity": "skill", "value": "cloud"}],
        {},
        "Which cloud providers are in the shared skills?",
        norm,
    )
    assert "AWS, Azure or Google Cloud" in render(kb, asked).text
    text = "and are CI/CD workflows part of the shared skills?"
    asked = resolve("ask_skills", [{"entity": "skill", "value": "ci/cd"}], {"topic": "skills"}, text, norm)
    answer = render(kb, asked).text
    assert "Yes" in answer.splitlines()[0] and "Git" in answer


def test_skill_gap_aims_where_the_person_is_heading_from_their_own_job(kb):
    from actions.answers.advice import destination
    from actions.answers.pipeline import answer_message

    text = "I'm already an ML engineer, I train models all day. I want to move toward AI engineering. What do I need?"
    assert destination(kb, text) == "ai_engineer" and destination(kb, "I know Python, what do I need?") is None
    message = {"text": text, "intent": {"name": "ask_skill_gap", "confidence": 0.9}, "entities": []}
    ((_, answer),) = answer_message(kb, message, {})
    assert "For an AI Engineer you already cover" in answer.text  # an ML engineer's skills are counted
    assert "Model Development" not in answer.text.split("Next steps")[1]  # and not among what to add


def test_the_skill_gaps_aim_is_the_role_it_answers_for(kb, norm):
    from actions.answers.advice import gap_target

    aimed = resolve("ask_skill_gap", [], {}, "I built APIs and deployed them on AWS, what am I missing?", norm)
    assert gap_target(kb, aimed) == "ai_engineer" and render(kb, aimed).text.startswith("Aim for AI Engineer")
    assert gap_target(kb, resolve("ask_skill_gap", [], {}, "what am I missing?", norm)) is None


def test_a_lean_for_someone_torn_between_the_roles_gives_the_articles_advice(kb):
    from actions.answers.advice import lean
    from actions.reasoning.interview import Message, begin

    turn = begin(
        kb, Message("I like both training models and deploying them, can't decide. Which role?", "ask_role_fit")
    )
    assert turn.lean and kb.faq.which_better in lean(kb, turn.state).text


def test_what_to_learn_first_follows_the_learning_paths_order(kb, norm):
    text = "I'm an IT student, I enjoy cloud labs on AWS. Which role, and what do I learn first?"
    first = render(kb, resolve("ask_skill_gap", [], {}, text, norm)).text
    steps = [line for line in first.splitlines() if line[:2] in ("1.", "2.", "3.")]
    assert "in the order the learning path teaches them" in first and all("Foundation stage" in s for s in steps)
    text = "I know Docker and AWS, what am I missing?"
    assert "most important first" in render(kb, resolve("ask_skill_gap", [], {}, text, norm)).text


def test_someone_who_never_trained_a_model_starts_with_the_model_skills(kb, norm):
    text = "I build microservices in Go on k8s. I've never trained a model. What's missing for AI engineering?"
    gap = render(kb, resolve("ask_skill_gap", [], {}, text, norm)).text
    steps = [line for line in gap.splitlines() if line[:2] in ("1.", "2.", "3.")]
    assert steps[0].startswith("1. Cloud Deployment")  # the role's top priority stays first (test_personas)
    assert steps[1].startswith("2. ML Algorithms") and steps[2].startswith("3. Model Development")


def test_a_skill_gap_names_the_stage_it_teaches_in_but_not_what_the_person_has(kb):
    from actions.answers.pipeline import answer_message

    text = "ML researcher with a PhD: deep learning, PyTorch, hyperparameter tuning. I want an ML job, my gap?"
    message = {"text": text, "intent": {"name": "ask_skill_gap", "confidence": 0.9}, "entities": []}
    ((_, answer),) = answer_message(kb, message, {})
    steps = answer.text.split("Next steps")[1]
    assert "Advanced stage: model tuning" in steps and "deep learning" not in steps.lower()

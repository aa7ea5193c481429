"""Follow-ups about the workflow steps and tool groups just shown (wave 6): who leans on the tools just named, the
rest of a tool's group, every group but one, where the work goes next, a position counted in the whole workflow
after its closing run, what a step watches, a step named by what it takes in, a pronoun whose antecedent the
message names itself, who handles a step, the steps a self-description works in, and multi-part scenario
questions."""

from __future__ import annotations

from actions.answers.pipeline import render
from actions.understanding.person import worked_steps
from actions.understanding.understand import understand
from tests.understanding.talking import talk


def chat(kb, turns):
    """Each (intent, text, entities) turn understood on the slots the turn before wrote; the last turn's questions
    and reply."""
    previous: dict = {}
    questions: list = []
    for intent, text, entities in turns:
        questions = understand(kb, intent, list(entities), previous, text)
        previous = questions[-1].context_slots()
    return questions, "\n\n".join(render(kb, q).text for q in questions)


def tool(name: str) -> dict:
    return {"entity": "tool", "value": name}


def test_which_role_leans_on_the_group_of_the_one_tool_just_named(kb) -> None:
    turns = [
        ("ask_tools", "which group is Kubeflow listed under?", [tool("Kubeflow")]),
        ("ask_which_better", "who uses those more?", []),
    ]
    _, reply = chat(kb, turns)
    assert "AI Engineers lean on" in reply and "containerization" in reply


def test_which_role_uses_a_tool_that_sits_only_in_a_step(kb) -> None:
    turns = [
        ("ask_tools", "is XGBoost listed anywhere?", [tool("XGBoost")]),
        ("ask_which_better", "which role uses those the most?", []),
    ]
    _, reply = chat(kb, turns)
    assert "Machine Learning Engineers" in reply and "Model Development" in reply


def test_the_rest_of_the_group_of_the_tool_just_named(kb) -> None:
    turns = [("ask_tools", "what is MLflow in the article?"), ("ask_tools", "which other tools share that category?")]
    questions, reply = talk(kb, turns)
    assert "Docker" in reply and "Kubeflow" in reply
    assert "Keras" not in reply and "SageMaker" not in reply


def test_every_tool_group_but_the_one_set_aside(kb) -> None:
    turns = [
        ("ask_tools", "which ML frameworks are listed?", [tool("ML frameworks")]),
        ("ask_tools", "which other tool categories exist besides the frameworks?", [tool("frameworks")]),
    ]
    _, reply = chat(kb, turns)
    assert "Development tools" in reply and "ML frameworks" in reply and "MLOps" in reply


def test_where_the_data_flows_next_is_the_next_step(kb) -> None:
    turns = [("ask_workflow", "what feeds the ingestion step?"), ("ask_workflow", "and then where does it head next?")]
    questions, _ = talk(kb, turns)
    assert questions[-1].stage == "data_preparation"


def test_the_step_after_two_tools_steps_named_in_one_question(kb) -> None:
    turns = [
        ("ask_tools", "in which steps are Spark and Kafka used?", [tool("Spark"), tool("Kafka")]),
        ("ask_workflow", "what's the step right after those two?", []),
    ]
    questions, _ = chat(kb, turns)
    assert questions[-1].stage == "model_development"


def test_a_bare_first_after_the_closing_run_counts_in_the_whole_workflow(kb) -> None:
    turns = [
        ("ask_workflow", "list the workflow steps"),
        ("inform", "only the final two"),
        ("ask_key_takeaways", "and the first?"),
    ]
    questions, _ = talk(kb, turns)
    assert questions[-1].stage == "data_ingestion"


def test_what_the_tools_just_shown_look_out_for_is_their_steps_content(kb) -> None:
    turns = [
        ("ask_tools", "tools for monitoring?"),
        ("ask_role_definition", "what do those look out for in an AI system?"),
    ]
    questions, reply = talk(kb, turns)
    assert questions[-1].topic == "workflow" and "drift" in reply


def test_a_step_named_by_the_data_it_takes_in(kb) -> None:
    questions, _ = talk(kb, [("ask_workflow", "which part of the workflow takes in readings from sensors?")])
    assert questions[-1].stage == "data_ingestion"


def test_a_pronoun_for_what_the_message_names_itself_leaves_the_step(kb) -> None:
    turns = [
        ("ask_tools", "tools for deployment?"),
        ("ask_responsibilities", "who is in charge of deployment and who helps with it?"),
    ]
    questions, reply = talk(kb, turns)
    assert questions[-1].topic == "responsibilities" and "supports deployment" in reply


def test_who_handles_a_step_gives_its_responsibilities_row(kb) -> None:
    turns = [
        ("ask_workflow", "what happens in monitoring and maintenance?"),
        ("ask_responsibilities", "who takes care of it?"),
    ]
    _, reply = talk(kb, turns)
    assert "oversees model performance" in reply


def test_the_steps_a_self_description_works_in() -> None:
    from actions.knowledge.loader import get_kb

    kb = get_kb()
    assert worked_steps(kb, "I run Kafka and Spark jobs for a bank") == ["data_ingestion", "data_preparation"]
    assert worked_steps(kb, "ops person, my days are Grafana and Prometheus") == ["monitoring_maintenance"]


def test_my_current_tools_after_a_self_description_are_its_steps(kb) -> None:
    turns = [
        ("ask_skill_gap", "I build pipelines with Kafka and Spark and want to get into ML, what am I missing?"),
        ("ask_tools", "which workflow steps do my tools belong to?"),
    ]
    questions, _ = talk(kb, turns)
    assert [q.stage for q in questions] == ["data_ingestion", "data_preparation"]


def test_a_use_case_question_then_who_does_a_scenario_duty_are_two_questions(kb) -> None:
    text = (
        "Is supply chain forecasting among the use cases, and which role develops the forecasting models in the "
        "predictive analytics scenario?"
    )
    questions = understand(kb, "ask_use_cases", [], {}, text)
    assert [q.topic for q in questions] == ["use_cases", "scenarios"]


def test_the_scenarios_listed_then_one_roles_part_in_the_first(kb) -> None:
    text = "What are the two realistic scenarios, and what does the ML engineer evaluate in the first one?"
    questions = understand(kb, "ask_scenarios", [{"entity": "role", "value": "ml engineer"}], {}, text)
    assert len(questions) == 2 and questions[0].roles == ()


def test_who_does_a_scenario_duty_shows_only_that_roles_part(kb) -> None:
    questions = understand(
        kb, "ask_scenarios", [], {}, "in the customer support scenario who hooks the bot up to the CRM?"
    )
    reply = render(kb, questions[-1]).text
    assert reply.startswith("**The AI Engineer does that") and "intent" not in reply


def test_what_a_step_activity_is_used_for_is_its_step(kb) -> None:
    skill = [{"entity": "skill", "value": "feature engineering"}]
    questions = understand(kb, "ask_role_definition", skill, {}, "what is feature engineering used for?")
    assert questions[-1].topic == "workflow" and questions[-1].stage == "data_preparation"


def test_tools_for_experiment_tracking(kb) -> None:
    _, reply = talk(kb, [("ask_tools", "what do I use for modelling, and what for experiment tracking?")])
    assert "MLflow" in reply


def test_which_path_holds_a_skill_leaves_the_stage_just_shown(kb) -> None:
    previous = {
        "topic": "learning_path",
        "role": "ml_engineer",
        "path_stage": "advanced",
        "subject": "shown:path_stage=advanced|roles:ai_engineer+ml_engineer",
    }
    skill = [{"entity": "skill", "value": "feature engineering"}]
    questions = understand(kb, "inform", skill, previous, "which path covers feature engineering then?")
    assert questions[-1].path_stage is None and "Intermediate" in render(kb, questions[-1]).text


def test_the_part_a_tool_plays_is_where_it_is_used(kb) -> None:
    previous = {"topic": "scenarios", "role": "ml_engineer", "subject": "scenario:predictive_analytics"}
    entities = [tool("REST APIs")]
    questions = understand(kb, "ask_scenarios", entities, previous, "what part do REST APIs play in these projects?")
    assert questions[-1].topic == "tools" and "Deployment and Integration" in render(kb, questions[-1]).text


def test_a_best_practice_named_by_most_of_its_words_is_not_the_step_one_word_names(kb) -> None:
    questions = understand(kb, "ask_best_practices", [], {}, "do firms really do automated testing of models?")
    assert questions[-1].topic == "best_practices"


def test_the_steps_then_what_the_last_of_them_tracks_are_two_questions(kb) -> None:
    text = "Which workflow steps would I look after, and what is tracked in the final one?"
    questions = understand(kb, "ask_workflow", [], {}, text)
    assert len(questions) == 2 and questions[-1].stage == "monitoring_maintenance"


def test_the_first_person_is_no_first_scenario(kb) -> None:
    previous = {
        "topic": "scenarios",
        "subject": "scenario:predictive_analytics",
        "thread": {"scenarios": {"subject": "scenario:predictive_analytics"}},
    }
    questions = understand(kb, "inform", [], previous, "and what else does the first person make there?")
    assert questions[-1].scenario == "predictive_analytics"


def test_in_the_second_one_after_a_detour_is_the_second_scenario(kb) -> None:
    previous = {
        "topic": "responsibilities",
        "aspect": "monitoring",
        "thread": {"scenarios": {"subject": "scenario:customer_support_automation"}, "responsibilities": {}},
    }
    questions = understand(kb, "inform", [], previous, "what more does that engineer handle in the second one?")
    assert questions[-1].topic == "scenarios" and questions[-1].scenario == "predictive_analytics"


def test_a_later_part_describing_its_own_step_leaves_the_step_talked_about_before(kb) -> None:
    previous = {"topic": "tools", "stage": "data_ingestion"}
    text = "What gets checked in testing and validation, and what is monitored in the end?"
    questions = understand(kb, "ask_workflow", [], previous, text)
    assert [q.stage for q in questions] == ["testing_validation", "monitoring_maintenance"]


def test_the_steps_of_my_tools_keep_the_role_advised_for_the_next_question(kb) -> None:
    from actions.answers.pipeline import answer_message

    previous = {"topic": "skill_gap", "subject": "skill:kafka|worked:data_ingestion+data_preparation"}
    message = {"text": "which workflow steps use my current tools?", "intent": {"name": "ask_tools"}, "entities": []}
    answered = answer_message(kb, message, previous, "ml_engineer")
    assert [q.stage for q, _ in answered] == ["data_ingestion", "data_preparation"]
    assert answered[-1][0].roles == ("ml_engineer",)


def test_the_step_where_a_skill_happens_after_the_scenario_it_is_done_in(kb) -> None:
    previous = {
        "topic": "scenarios",
        "stage": None,
        "thread": {
            "responsibilities": {"stage": "monitoring_maintenance", "aspect": "monitoring"},
            "learning_path": {"subject": "skill:feature engineering"},
            "scenarios": {},
        },
    }
    questions = understand(kb, "ask_workflow", [], previous, "so in which step of the workflow does that take place?")
    assert questions[-1].stage == "data_preparation"


def test_the_tools_a_vendor_word_names_can_be_pointed_into_one_by_one(kb) -> None:
    first = [("ask_tools", "Which Azure tools does the article mention?", [tool("Azure tools")])]
    _, reply = chat(kb, first)
    assert "Azure Data Factory" in reply and "Azure Machine Learning" in reply
    questions, reply = chat(kb, [*first, ("ask_workflow", "which step is the first one in?", [])])
    assert "Data Ingestion" in reply
    turns = [*first, ("ask_workflow", "which step is the first one in?", []), ("inform", "and the second one?", [])]
    questions, reply = chat(kb, turns)
    assert "Cloud AI platforms" in reply

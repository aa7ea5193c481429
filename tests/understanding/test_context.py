"""Follow-ups resolve through the previous answer's context, never by guessing."""

from __future__ import annotations

from actions.knowledge.schema import NARROWING_FIELDS
from actions.understanding.context import resolve
from actions.understanding.question import VALUE_FIELDS


def ent(kind: str, value: str) -> dict:
    return {"entity": kind, "value": value}


def test_fresh_question_reads_entities(norm):
    q = resolve("ask_salary", [ent("role", "ml_engineer"), ent("level", "entry")], {}, "mle entry pay?", norm)
    assert (q.topic, q.role, q.level) == ("salary", "ml_engineer", "entry")


def test_level_follow_up_keeps_role_and_topic(norm):
    previous = {"topic": "salary", "role": "ml_engineer", "level": None}
    q = resolve("inform", [ent("level", "senior")], previous, "and at senior level?", norm)
    assert (q.topic, q.role, q.level) == ("salary", "ml_engineer", "senior")


def test_role_follow_up_keeps_level(norm):
    previous = {"topic": "salary", "role": "ai_engineer", "level": "entry"}
    q = resolve("inform", [ent("role", "MLE")], previous, "what about MLEs?", norm)
    assert (q.topic, q.role, q.level) == ("salary", "ml_engineer", "entry")


def test_other_role_swaps_role(norm):
    previous = {"topic": "tools", "role": "ai_engineer"}
    q = resolve("ask_other_role", [], previous, "and the other role?", norm)
    assert (q.topic, q.role, q.other_role_requested) == ("tools", "ml_engineer", True)


def test_other_role_without_a_role_asks_nothing_new(norm):
    q = resolve("ask_other_role", [], {"topic": "salary"}, "and the other one?", norm)
    assert q.roles == () and q.topic == "salary"


def test_that_step_borrows_the_stage(norm):
    previous = {"topic": "workflow", "stage": "deployment_integration"}
    q = resolve("ask_tools", [], previous, "which tools are used in that step?", norm)
    assert (q.topic, q.stage) == ("tools", "deployment_integration")


def test_fresh_question_without_pointer_starts_clean(norm):
    previous = {"topic": "workflow", "stage": "deployment_integration", "role": "ml_engineer"}
    q = resolve("ask_tools", [], previous, "what tools are common?", norm)
    assert (q.stage, q.role) == (None, None)


def test_pronoun_borrows_role(norm):
    previous = {"topic": "role_definition", "role": "ml_engineer"}
    q = resolve("ask_salary", [], previous, "how much do they earn?", norm)
    assert q.role == "ml_engineer"


def test_follow_up_with_new_kind_of_entity_switches_topic(norm):
    previous = {"topic": "role_definition", "role": "ai_engineer"}
    q = resolve("inform", [ent("level", "senior")], previous, "and senior?", norm)
    assert (q.topic, q.role, q.level) == ("salary", "ai_engineer", "senior")


def test_follow_up_stage_after_salary_goes_to_workflow(norm):
    q = resolve("inform", [ent("stage", "data prep")], {"topic": "salary", "level": "mid"}, "data prep?", norm)
    assert (q.topic, q.stage, q.level) == ("workflow", "data_preparation", None)


def test_both_roles_named(norm):
    q = resolve("ask_salary", [ent("role", "ai_engineer"), ent("role", "ml_engineer")], {}, "ai vs ml pay", norm)
    assert q.roles == ("ai_engineer", "ml_engineer") and q.role is None


def test_unknown_values_are_kept(norm):
    q = resolve("ask_salary", [ent("level", "principal"), ent("role", "data wizard")], {}, "x", norm)
    assert q.unknown_value("level") == "principal" and q.unknown_value("role") == "data wizard"


def test_location_and_job_title(norm):
    q = resolve("ask_salary", [ent("location", "India"), ent("job_title", "data_scientist")], {}, "x", norm)
    assert (q.location, q.job_title, q.roles) == ("India", "data_scientist", ())


def test_stage_tagged_as_skill_is_recovered(norm):
    q = resolve("ask_workflow", [ent("skill", "data prep")], {}, "x", norm)
    assert q.stage == "data_preparation"


def test_stage_tagged_as_a_responsibility_is_recovered_for_tools(norm):
    q = resolve("ask_tools", [ent("aspect", "deployment")], {}, "what tools are used for deployment?", norm)
    assert q.stage == "deployment_integration"
    plain = resolve("ask_responsibilities", [ent("aspect", "deployment")], {}, "who does deployment?", norm)
    assert plain.aspect == "deployment" and plain.stage is None


def test_bare_follow_up_with_nothing_before_is_help(norm):
    assert resolve("inform", [], {}, "and?", norm).topic == "help"


def test_follow_up_naming_a_topic_asks_about_it(norm):
    # first message, or after another topic (the role is carried, as for any bare follow-up)
    assert resolve("inform", [], {}, "what about skills?", norm).topic == "skills"
    q = resolve("inform", [], {"topic": "salary", "role": "ml_engineer"}, "and the tools for that one?", norm)
    assert (q.topic, q.role) == ("tools", "ml_engineer")
    # the topic already on screen, or a value that narrows it: the same topic
    assert resolve("inform", [], {"topic": "salary"}, "and the salary?", norm).topic == "salary"
    narrowed = resolve("inform", [ent("stage", "training")], {"topic": "tools"}, "the training step?", norm)
    assert (narrowed.topic, narrowed.stage) == ("tools", "model_development")


def test_context_slots_round_trip(norm):
    q = resolve("ask_salary", [ent("role", "ai_engineer"), ent("level", "mid")], {}, "x", norm)
    again = resolve("inform", [ent("location", "US")], q.context_slots(), "in the us?", norm)
    assert (again.topic, again.role, again.level, again.location) == ("salary", "ai_engineer", "mid", "US")


def test_context_values_that_are_not_kb_keys_are_not_carried(norm):
    """Found by the hypothesis fuzz test: a slot holding a non-key ('0') used to come back as the role."""
    prev = {"topic": "salary", "role": "0", "level": "chief", "stage": "deployment_integration"}
    q = resolve("inform", [{"entity": "role", "value": "0"}], prev, "and for 0?", norm)
    assert q.role is None and q.level is None
    q = resolve("ask_other_role", [], prev, "and the other role?", norm)
    assert q.roles == ()


def test_correction_redoes_the_previous_question(norm):
    previous = {"topic": "salary", "role": "ai_engineer", "level": "senior"}
    q = resolve("ask_role_definition", [ent("role", "ML engineer")], previous, "oops, I meant ML engineer", norm)
    assert (q.topic, q.role, q.level) == ("salary", "ml_engineer", "senior")


def test_role_question_pointing_back_keeps_the_subject(norm):
    previous = {"topic": "scenarios", "subject": "scenario:predictive_analytics"}
    q = resolve(
        "ask_role_definition", [ent("role", "ai_engineer")], previous, "what does the AI engineer do in it?", norm
    )
    assert (q.topic, q.role, q.scenario) == ("scenarios", "ai_engineer", "predictive_analytics")


def test_compare_pointing_back_at_tools(norm):
    previous = {"topic": "tools", "subject": "tool:ml frameworks"}
    q = resolve("ask_role_comparison", [], previous, "which role uses them more?", norm)
    assert (q.topic, q.tools, q.compare) == ("tools", ("ml frameworks",), True)


def test_fresh_role_question_is_not_pulled_back(norm):
    previous = {"topic": "scenarios", "subject": "scenario:predictive_analytics"}
    q = resolve("ask_role_definition", [ent("role", "ai_engineer")], previous, "what does an AI engineer do?", norm)
    assert q.topic == "role_definition"


def test_subject_round_trips(norm):
    q = resolve("ask_skills", [ent("skill", "security")], {}, "how important is security?", norm)
    assert q.context_slots()["subject"] == "skill:security"
    again = resolve("inform", [ent("role", "ml_engineer")], q.context_slots(), "and for ML engineers?", norm)
    assert (again.topic, again.skills, again.role) == ("skills", ("security",), "ml_engineer")


def test_every_field_a_topic_can_be_narrowed_by_is_one_the_question_carries():
    """schema.NARROWING_FIELDS (what careers.yml `narrowed_by` may name) is exactly what `_build` reads."""
    assert set(NARROWING_FIELDS) == {"role", *VALUE_FIELDS, "skill", "tool", "scenario"}


def test_it_keeps_the_step_just_talked_about_over_the_thread(norm):
    """'tools for it?' after 'what step number is model development?': that step, not the one the tools were
    last asked for earlier in the thread."""
    previous = {
        "topic": "workflow",
        "stage": "model_development",
        "thread": {"tools": {"stage": "data_ingestion"}, "workflow": {"stage": "model_development"}},
    }
    q = resolve("ask_tools", [], previous, "tools for it?", norm)
    assert (q.topic, q.stage) == ("tools", "model_development")


def test_a_group_of_job_titles_is_its_role(norm):
    previous = {"topic": "job_titles"}
    q = resolve("inform", [], previous, "and the ML-focused ones?", norm)
    assert (q.topic, q.roles, q.aspect) == ("job_titles", ("ml_engineer",), None)
    q = resolve("ask_job_titles", [], {}, "which job titles are AI-focused?", norm)
    assert q.roles == ("ai_engineer",)


def test_a_title_named_after_the_titles_asks_where_it_is_listed(norm):
    previous = {"topic": "job_titles", "job_title": "mlops_engineer"}
    q = resolve("inform", [ent("job_title", "applied ai developer")], previous, "and Applied AI Developer?", norm)
    assert (q.topic, q.job_title) == ("job_titles", "applied_ai_developer")
    q = resolve(
        "ask_tools",
        [ent("job_title", "cloud ai specialist")],
        {"topic": "careers"},
        "is Cloud AI Specialist one of them?",
        norm,
    )
    assert (q.topic, q.job_title) == ("careers", "cloud_ai_specialist")
    q = resolve(
        "ask_role_comparison",
        [ent("job_title", "mlops engineer")],
        {},
        "is MLOps Engineer on the AI side or the ML side?",
        norm,
    )
    assert q.topic == "job_titles"


def test_who_there_after_a_scenario_stays_in_the_scenario(norm):
    previous = {"topic": "scenarios", "role": "ml_engineer", "subject": "scenario:customer_support_automation"}
    q = resolve("inform", [ent("aspect", "monitors")], previous, "and who monitors uptime there?", norm)
    assert (q.topic, q.scenario, q.roles) == ("scenarios", "customer_support_automation", ())
    q = resolve("ask_why_it_matters", [], previous, "who evaluates accuracy and bias there?", norm)
    assert (q.topic, q.scenario) == ("scenarios", "customer_support_automation")


def test_who_at_that_level_after_pay_is_still_a_pay_comparison(norm):
    previous = {"topic": "salary", "role": "ai_engineer", "level": "entry"}
    q = resolve("ask_salary_comparison", [], previous, "which of the two roles pays more at that level?", norm)
    assert (q.topic, q.level) == ("salary_comparison", "entry")


def test_which_of_those_filters_the_last_list(norm):
    previous = {"topic": "best_practices"}
    q = resolve("inform", [ent("skill", "security")], previous, "which of those are about security?", norm)
    assert q.topic == "best_practices"


def test_what_a_step_holds_is_that_steps_description(norm):
    previous = {"topic": "tools", "stage": "data_preparation"}
    q = resolve("ask_role_definition", [], previous, "what tasks does it involve?", norm)
    assert (q.topic, q.stage) == ("workflow", "data_preparation")
    previous = {"topic": "tools", "stage": "monitoring_maintenance"}
    q = resolve("ask_challenges", [], previous, "and what kinds of drift get watched?", norm)
    assert (q.topic, q.stage) == ("workflow", "monitoring_maintenance")
    previous = {"topic": "workflow", "subject": "tool:kafka"}
    q = resolve("ask_tools", [], previous, "what data sources are listed for it?", norm)
    assert (q.topic, q.stage) == ("workflow", "data_ingestion")
    q = resolve("ask_tools", [], {"topic": "tools", "stage": "data_preparation"}, "what tools does it involve?", norm)
    assert q.topic == "tools"


def test_what_a_task_is_part_of_is_its_step(norm):
    q = resolve("ask_role_definition", [], {}, "what is feature engineering part of?", norm)
    assert (q.topic, q.stage) == ("workflow", "data_preparation")


def test_items_of_a_core_area_are_read_from_the_words(norm):
    q = resolve("ask_tools", [], {"topic": "skills"}, "which version control stuff is in there", norm)
    assert q.skills == ("Version control",)
    q = resolve("ask_skills", [], {}, "is C++ listed as a programming language?", norm)
    assert q.skills == ("C++",)


def test_who_spends_more_time_with_a_tool_group_is_about_tools(norm):
    q = resolve(
        "ask_why_it_matters", [ent("tool", "containerization")], {}, "who spends more time with containerization?", norm
    )
    assert q.topic == "tools"


def test_words_of_a_listed_item_with_there_stay_on_the_list(norm):
    q = resolve(
        "ask_skills",
        [ent("skill", "version control")],
        {"topic": "best_practices"},
        "is version control there just for code?",
        norm,
    )
    assert q.topic == "best_practices"


def test_who_focuses_on_that_kind_of_problem_is_not_the_steps_description(norm):
    previous = {"topic": "challenges", "stage": "monitoring_maintenance"}
    q = resolve(
        "ask_challenges", [], previous, "which role is said to focus on that kind of model reliability problem?", norm
    )
    assert q.topic == "challenges"


def test_which_one_does_a_duty_drops_the_carried_role(norm):
    previous = {"topic": "responsibilities", "role": "ml_engineer", "aspect": "monitoring"}
    q = resolve(
        "ask_responsibilities", [ent("aspect", "system health")], previous, "which one oversees system health?", norm
    )
    assert q.roles == ()


def test_a_role_pointing_back_at_a_scenario_stays_in_it(norm):
    previous = {"topic": "scenarios", "role": "ml_engineer", "subject": "scenario:customer_support_automation"}
    q = resolve(
        "ask_role_definition",
        [ent("role", "ai_engineer")],
        previous,
        "what does the AI engineer integrate it with?",
        norm,
    )
    assert (q.topic, q.role, q.scenario) == ("scenarios", "ai_engineer", "customer_support_automation")
    previous = {"topic": "scenarios", "subject": "scenario:predictive_analytics"}
    text = "and what's my colleague the ML engineer doing meanwhile?"
    q = resolve("ask_challenges", [ent("role", "ml_engineer")], previous, text, norm)
    assert (q.topic, q.scenario) == ("scenarios", "predictive_analytics")


def test_which_step_lists_a_tool_names_the_step(norm):
    q = resolve("ask_workflow", [ent("tool", "ci/cd pipelines")], {}, "which step lists CI/CD pipelines?", norm)
    assert q.stage == "deployment_integration"


def test_a_tool_named_moves_to_its_step(norm):
    previous = {"topic": "workflow", "stage": "model_development", "subject": "tool:xgboost"}
    q = resolve("ask_workflow", [ent("tool", "grafana")], previous, "grafana step?", norm)
    assert q.stage == "monitoring_maintenance"


def test_a_role_asked_about_that_table_is_its_whole_part_of_it(norm):
    previous = {"topic": "responsibilities", "role": "ml_engineer", "aspect": "collaboration"}
    text = "what does the AI engineer do with models according to that table?"
    q = resolve("ask_role_definition", [ent("role", "ai_engineer")], previous, text, norm)
    assert (q.topic, q.role, q.aspect) == ("responsibilities", "ai_engineer", None)


def test_and_a_thing_the_last_topic_is_narrowed_by_goes_on_with_it(norm):
    previous = {"topic": "skills", "role": "ai_engineer", "subject": "skill:ml algorithms"}
    ents = [ent("skill", "devops/mlops"), ent("role", "ml_engineer")]
    q = resolve("ask_job_titles", ents, previous, "and DevOps/MLOps for ML engineers?", norm)
    assert (q.topic, q.role, q.skills) == ("skills", "ml_engineer", ("devops/mlops",))
    q = resolve(
        "ask_skill_comparison", [], {"topic": "responsibilities"}, "what does the other role do with data?", norm
    )
    assert q.topic == "responsibilities"
    q = resolve(
        "ask_salary", [ent("role", "ml_engineer")], {"topic": "skills"}, "and the salary for ML engineers?", norm
    )
    assert q.topic == "salary"


def test_same_two_roles_drops_the_carried_role(norm):
    previous = {"topic": "skills", "role": "ml_engineer", "subject": "skill:model_development"}
    text = "what about APIs and microservices, same two roles"
    q = resolve("inform", [ent("skill", "APIs")], previous, text, norm)
    assert (q.topic, q.roles) == ("skills", ())


def test_what_a_step_is_done_with_is_its_tools(norm):
    q = resolve(
        "ask_challenges",
        [ent("stage", "monitored")],
        {"topic": "challenges"},
        "what is performance drift monitored with?",
        norm,
    )
    assert (q.topic, q.stage) == ("tools", "monitoring_maintenance")

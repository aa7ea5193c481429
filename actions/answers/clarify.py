"""Texts of the two-stage fallback: the clarifying question with one button per likely topic, and the polite
declines (`actions/understanding/triage.py` decides which)."""

from __future__ import annotations

import json
from typing import Dict, Iterable, Mapping

from actions.answers.phrasing import Answer, Button, follow_up
from actions.understanding.triage import ANSWERABLE_INTENTS

# How each answerable intent is offered on a button.
TOPIC_LABELS: Dict[str, str] = {
    "ask_role_definition": "What each role does",
    "ask_role_comparison": "Compare the roles",
    "ask_why_it_matters": "Why the distinction matters",
    "ask_workflow": "The AI project workflow",
    "ask_skills": "Skills",
    "ask_tools": "Tools",
    "ask_use_cases": "Enterprise use cases",
    "ask_enterprise_constraints": "Enterprise constraints",
    "ask_job_titles": "Job titles",
    "ask_careers": "Careers and industries",
    "ask_responsibilities": "Responsibilities",
    "ask_learning_path": "Learning paths",
    "ask_salary": "Salaries",
    "ask_salary_factors": "What affects salary",
    "ask_salary_comparison": "Which role pays more",
    "ask_skill_comparison": "Skills compared",
    "ask_scenarios": "Project scenarios",
    "ask_challenges": "Challenges",
    "ask_best_practices": "Best practices",
    "ask_which_better": "Is one role better?",
    "ask_both_roles": "Doing both roles",
    "ask_math": "How much math",
    "ask_future_proof": "Future-proof?",
    "ask_certifications": "Certifications",
    "ask_key_takeaways": "Key takeaways",
    "ask_skill_gap": "What am I missing?",
    "ask_role_fit": "Which role fits me?",
}


def clarifying_question(intents: Iterable[str], entities: Mapping[str, str]) -> Answer:
    buttons = tuple(Button(TOPIC_LABELS[i], f"/{i}{json.dumps(dict(entities)) if entities else ''}") for i in intents)
    return Answer("I'm not sure I understood. Did you mean one of these?", buttons)


def off_topic() -> Answer:
    return Answer(
        "That's outside what I can help with: I only know about AI Engineer and Machine Learning Engineer careers "
        "(roles, skills, tools, workflow, learning paths, salaries). Here is where you could start:",
        (
            follow_up("Compare the roles", "ask_role_comparison"),
            follow_up("Salaries", "ask_salary"),
            follow_up("Which role fits me?", "ask_role_fit"),
        ),
    )


def decline() -> Answer:
    return Answer(
        "Sorry, I didn't quite get that. I can tell you about AI Engineer and Machine Learning Engineer roles: "
        "what they do, skills, tools, learning paths and US salaries. Could you rephrase, or pick a topic?",
        (
            follow_up("Compare the roles", "ask_role_comparison"),
            follow_up("Salaries", "ask_salary"),
            follow_up("Which role fits me?", "ask_role_fit"),
        ),
    )


if set(TOPIC_LABELS) != set(ANSWERABLE_INTENTS):  # a new answerable intent needs its button label here
    raise ImportError(f"TOPIC_LABELS and ANSWERABLE_INTENTS differ: {set(TOPIC_LABELS) ^ set(ANSWERABLE_INTENTS)}")

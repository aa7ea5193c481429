"""The Question: what one message asks, as the rest of the bot sees it (topic, subject, canonical KB keys).

Understanding (actions/understanding/context.py and understand.py) builds Questions from a message and the
conversation's thread; answers/ renders them and writes their `context_slots` back as the thread. The context slots
the action reads and writes are named here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Tuple

from actions.understanding.skill_matcher import Mentions
from actions.understanding.vocabulary import Term

# Context slots the action reads and writes, in one place. `subject` holds what a list answer was narrowed
# to ("scenario:predictive_analytics", "skill:security", "tool:ml frameworks"), so "which role uses them more?"
# or "what does the AI engineer do in it?" can refer to it.
# The Question's single-valued fields that are carried as slots: KB keys, except `location` (free text).
VALUE_FIELDS: Tuple[str, ...] = ("level", "stage", "path_stage", "aspect", "location", "job_title")
KEYED_SLOTS: Tuple[str, ...] = ("role", *(f for f in VALUE_FIELDS if f != "location"))  # checked against the KB
CONTEXT_SLOTS: Tuple[str, ...] = ("topic", "role", *VALUE_FIELDS, "subject", "thread")
# `thread` remembers, per topic, what its last answer was about, so "back to pay: the ML equivalent?" after a
# detour picks up the level it had; at most THREAD_TOPICS topics, the latest last.
THREAD_FIELDS: Tuple[str, ...] = ("role", "level", "stage", "path_stage", "aspect")
THREAD_TOPICS = 8


# The fields that narrow a topic to one fact (its facet and subject), for `asked` and the route log line.
FACET_FIELDS: Tuple[str, ...] = (
    *VALUE_FIELDS,
    "levels",
    "scenario",
    "item",
    "missing",
    "term",
    "skills",
    "tools",
    "compare",
    "other_role_requested",
)


def _shown(value: Any) -> str:
    return ",".join(map(str, value)) if isinstance(value, tuple) else str(value)


@dataclass(frozen=True)
class Question:
    """A normalised question: topic plus canonical keys; raw text kept where normalising failed."""

    topic: str
    roles: Tuple[str, ...] = ()
    level: str | None = None
    # Several levels asked at once ('entry and senior pay'), in KB order; `level` is then None, and the subject keeps
    # them, so a follow-up ('the same for ML engineers?') gets those levels again rather than one of them.
    levels: Tuple[str, ...] = ()
    stage: str | None = None
    path_stage: str | None = None
    aspect: str | None = None
    location: str | None = None
    job_title: str | None = None
    skills: Tuple[str, ...] = ()
    tools: Tuple[str, ...] = ()
    unknown: Tuple[Tuple[str, str], ...] = ()
    other_role_requested: bool = False
    text: str = ""
    scenario: str | None = None
    compare: bool = False
    missing: str | None = None
    term: str | None = None
    item: int | None = None  # 1-based position in the list the topic shows ('the third one'); -1: the last
    thread: Tuple[Tuple[str, Tuple[Tuple[str, str], ...]], ...] = ()  # the thread before this question
    # The one role the answer turned out to be about when the question named none ('which role works with
    # Kubernetes more?' -> AI Engineer), so "its salary?" next is about it (set by actions/answers/pipeline.py).
    answered_role: str | None = None
    # The topics asked before this one in the same message ('what does its intermediate stage cover, and its
    # mid-level pay?'), so 'same for the ML engineer' next asks them all again.
    asked_with: Tuple[str, ...] = ()
    # The ordered list the answers to this message showed ('stage=model_development+testing_validation',
    # 'item.careers=6+7'; actions/understanding/shown.py), so 'the second of those two' can point into it.
    shown: str | None = None
    roles_order: str | None = None  # the roles talked about one at a time, in order ('ml_engineer+ai_engineer')
    # The step or learning stage the answer before this one was about, when this one moved to another
    # ('stage=data_preparation'), so 'the step in between?' next finds the one between the two.
    was: str | None = None
    # The workflow steps a self-description says the person works in ('data_ingestion+data_preparation' for
    # Kafka and Spark), so 'where in the workflow are my current tools used?' next is about them.
    worked: str | None = None
    # 'why?' / 'why so low?' after an answer: the article's reason for it comes first (actions/answers/reasons.py)
    why: bool = False
    # Filled by `canonical` (the last step of understanding), so renderers get keys, not text:
    skill_terms: Tuple[Term, ...] = ()
    tool_terms: Tuple[Term, ...] = ()
    location_in_us: bool = False
    mentions: Mentions | None = None  # skills and tools the message names, for the skill gap
    # Why it was routed so: NLU's intent, then each step of understanding that changed what is asked, in order
    # (actions/understanding/understand.py); logged once per question by the action, never shown.
    reason: Tuple[str, ...] = ()

    @property
    def role(self) -> str | None:
        """The single role asked about, or None when none or both were named."""
        return self.roles[0] if len(self.roles) == 1 else None

    def asked(self) -> Tuple[Any, ...]:
        """What is asked (topic, roles and every narrowing field), to tell whether a step changed it."""
        return (self.topic, self.roles, *(getattr(self, name) for name in FACET_FIELDS))

    def facet(self) -> str:
        """The narrowing fields set, as 'level=senior stage=deployment' ('' for a whole section)."""
        values = ((name, getattr(self, name)) for name in FACET_FIELDS)
        return " ".join(f"{name}={_shown(value)}" for name, value in values if value not in (None, (), False))

    def route(self) -> str:
        """One log line: what is asked and why ('topic=salary roles=ml_engineer level=senior | nlu ask_salary
        -> thread: follows up on salary')."""
        roles = f" roles={','.join(self.roles)}" if self.roles else ""
        facet = f" {self.facet()}" if self.facet() else ""
        return f"topic={self.topic}{roles}{facet} | {' -> '.join(self.reason) or 'nlu'}"

    def unknown_value(self, kind: str) -> str | None:
        return next((text for k, text in self.unknown if k == kind), None)

    def context_slots(self) -> Dict[str, Any]:
        """Slot values that let the next message follow up on this one."""
        return {
            "topic": self.topic,
            "role": self.role,
            **{name: getattr(self, name) for name in VALUE_FIELDS},
            "subject": self.subject(),
            "thread": self.next_thread(),
        }

    def next_thread(self) -> Dict[str, Dict[str, str]]:
        """The thread after this answer: this topic's subject (with what it was narrowed to, for 'back to the
        chatbot'), latest last. A fact the article lacks is a detour, no subject to go back to: the thread stays."""
        thread = {topic: dict(values) for topic, values in self.thread if topic != self.topic or self.missing}
        if not self.missing:
            values = {"role": self.role, **{name: getattr(self, name) for name in THREAD_FIELDS if name != "role"}}
            thread[self.topic] = {k: v for k, v in {**values, "subject": self.subject()}.items() if v}
        return dict(list(thread.items())[-THREAD_TOPICS:])

    def subject(self) -> str | None:
        """What the answer was narrowed to, as 'kind:value' (scenario, then skill, then tool), plus the role it
        answered a 'which role' question with ('skill:security|answered:ai_engineer')."""
        parts = []
        if self.scenario:
            parts.append(f"scenario:{self.scenario}")
        elif self.skills and not self._tool_named_apart():
            parts.append(f"skill:{self.skills[0]}")
        elif self.tools:
            parts.append(f"tool:{self.tools[0]}")
        elif self.term and self.topic == "concept":
            parts.append(f"term:{self.term}")  # 'in what contexts?' after where a term comes up: that term
        if self.answered_role and not self.role:
            parts.append(f"answered:{self.answered_role}")
        if self.other_role_requested and self.role:
            parts.append(f"other:{self.role}")  # asked as 'the other role': the next 'other role' is this one again
        if self.asked_with:
            parts.append(f"with:{'+'.join(self.asked_with)}")
        if self.shown:
            parts.append(f"shown:{self.shown}")
        if self.roles_order:
            parts.append(f"roles:{self.roles_order}")
        if self.was:
            parts.append(f"was:{self.was}")
        if self.levels:
            parts.append(f"levels:{'+'.join(self.levels)}")  # 'same for the other role' asks these levels again
        if self.worked:
            parts.append(f"worked:{self.worked}")
        if self.missing:
            parts.append(f"missing:{self.missing}")  # 'and for the AI one?': the same lacking fact, that role
        return "|".join(parts) or None

    def _tool_named_apart(self) -> bool:
        """A tools answer whose tool is not the skill also read from the words ('cloud AI platforms' read as the
        'Cloud platforms' skill too): it was about the tool group, which 'who spends more time on those?' means."""
        if self.topic != "tools" or not self.tools or not self.skills or self.stage:
            return False  # (a step's tools: the skill named the step, 'that step' next is about it)
        return self.skills[0].lower() not in {tool.lower() for tool in self.tools}


def subject_parts(subject: Any) -> Dict[str, str]:
    """The `subject` slot read back as {kind: value} ('skill:security|answered:ai_engineer'); {} when unset."""
    if not isinstance(subject, str):
        return {}
    parts = (part.split(":", 1) for part in subject.split("|") if ":" in part)
    return {kind: value for kind, value in parts if value}

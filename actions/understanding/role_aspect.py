"""Questions about one aspect of a role, or of the two roles side by side, that name no section of their own.

'what kinds of applications?' right after what an AI Engineer does asks what that role builds (its definition),
not the enterprise use cases; 'which stage is identical for both?' after the learning path asks which of its
stages the two paths share, not the general comparison; 'how do the two compare when it comes to handling data?'
asks that row of the responsibilities table. Each helper reads the words and the thread and says which section
(or which item of it) is asked; understand.py applies them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Iterable, Mapping

from actions.knowledge import keys
from actions.knowledge.patterns import rx
from actions.knowledge.schema import KnowledgeBase
from actions.understanding.question import Question, subject_parts
from actions.understanding.topics import detect_topics, scan_entities, topic_fields

# What one role's definition lists: what it builds ('what kinds of applications would they be building?'), what
# its work spans or covers, and what it emphasises or specialises in.
_ROLE_FACET = re.compile(
    r"\b(kinds?|sorts?|types?) of (ai )?(systems?|solutions?|applications?|apps|products?)\b"
    r"|\b(systems?|solutions?|applications?|apps|products?) (kinds?|sorts?|types?)\b"  # 'the application types cited'
    r"|\b(applications?|apps|systems?|solutions?|products?)\b.{0,40}\b(build\w*|buil[dt]|develop\w*|integrat\w*"
    r"|work(ing)? on|mak(e|es|ing)|creat\w*|deliver\w*)\b"
    r"|\bwork\b.{0,20}\b(span\w*|cover\w*|involv\w*|encompass\w*)\b|\bspans?\b|\bspanning\b"
    r"|\bemphasi[sz]\w*|\bspeciali[sz]\w*|\bspecialt(y|ies)\b",
    re.I,
)
# The enterprise use cases, asked by name, stay that section ('which of its applications is a use case?').
_USE_CASE_WORDS = re.compile(r"\buse ?cases?\b|\benterprises?\b|\bcompanies\b|\bindustr(y|ies)\b", re.I)
_SUBJECT_KINDS = frozenset({"skill", "tool", "stage", "path_stage", "level", "aspect", "scenario", "job_title"})
# Sections whose words a role's facet shares ('applications' cues the use cases, 'focus' the responsibilities).
_FACET_TOPICS = frozenset({"use_cases", "role_definition", "role_comparison", "responsibilities", "careers"})
# Answers about one role, after which 'what kinds of systems?' is about that role.
_ONE_ROLE_TOPICS = ("role_definition", "responsibilities")
# The reason a question asking what one role builds gives: its definition's typical work, which a fact matching
# a word of it ('systems' in the primary focus row, 'system-level AI solutions') must not take over.
ROLE_FACET_REASON = "what one role builds, spans or emphasises is its definition"


def asks_role_facet(
    kb: KnowledgeBase, text: str, previous: Mapping[str, Any], roles_named: int, named: Iterable[str] = ()
) -> bool:
    """A question about what one role builds, spans or emphasises, when a role is named in it or the last answer
    was about one role: that role's definition (not when it names a skill, tool, step or duty: 'its level in
    system integration?' is that skill's rating)."""
    if not _ROLE_FACET.search(text) or _USE_CASE_WORDS.search(text) or set(named) & _SUBJECT_KINDS:
        return False
    if set(detect_topics(text, kb)) - _FACET_TOPICS:
        return False  # 'what kinds of tools?', 'what skills does it specialise in?': that section's own question
    if roles_named == 1:
        return True
    return roles_named == 0 and previous.get("topic") in _ONE_ROLE_TOPICS and bool(previous.get("role"))


# Where the two roles' lists agree or part: 'which stage is identical for both?', 'where do they start to diverge'.
_SAME = re.compile(
    r"\b(identical|the same|same for both|shared?|in common|common to|overlap\w*|alike|match\w*|tied)\b", re.I
)
_PART = re.compile(r"\b(diverg\w*|differ\w*|split\w*|part ways|branch\w*|separat\w*|different)\b", re.I)
# Sections answered per role, where such a question asks which of their items the roles share or not.
_SPLIT_THREADS = ("learning_path", "workflow", "skills", "skill_comparison", "responsibilities")
# Intents NLU reads a 'where do they differ?' as, whatever the thread (and the low-confidence guesses).
_COMPARING = ("ask_role_comparison", "ask_both_roles", "ask_which_better", "ask_other_role")
# Sections such a question may name without leaving the thread ('compare', 'both' cue them).
_COMPARE_TOPICS = frozenset({"role_comparison", "both_roles", "which_better"})


_POINTS_BACK = re.compile(r"\b(it|its|that|this|those|these|there)\b", re.I)
WITHIN_THREAD = "where the roles agree or differ in the section just answered"


def whole_section(question: Question, named: Iterable[str]) -> Question:
    """Where the roles agree or differ in a section is asked of all of it, not of the one item the last answer was
    narrowed to ('then where do they differ most?' after one skill's ratings)."""
    if WITHIN_THREAD not in question.reason:
        return question
    kinds = set(named)
    return replace(
        question,
        skills=question.skills if "skill" in kinds else (),
        tools=question.tools if "tool" in kinds else (),
        aspect=question.aspect if "aspect" in kinds else None,
        stage=question.stage if "stage" in kinds else None,
        path_stage=question.path_stage if "path_stage" in kinds else None,
        roles=question.roles if "role" in kinds else (),
    )


def compares_within_thread(
    kb: KnowledgeBase, intent: str, text: str, previous: Mapping[str, Any], sure: bool
) -> str | None:
    """'for both, where's the overlap?', 'then where do they differ most?' right after a section answered per role
    (steps, learning stages, skill ratings, duties) and naming no other section: where they agree or differ in
    all of it ('whole'), or, pointing back ('is it the same for both?'), in what the last answer was narrowed to
    ('it'); None otherwise."""
    topic = previous.get("topic")
    if topic not in _SPLIT_THREADS or not (_SAME.search(text) or _PART.search(text)):
        return None
    if intent in (f"ask_{topic}", "inform") or (sure and intent not in _COMPARING):  # (inform follows it anyway)
        return None
    if set(detect_topics(text, kb)) - _COMPARE_TOPICS - {topic}:
        return None
    if _names_a_row_elsewhere(kb, text, topic):
        return None  # 'how do the two differ in who they collaborate with?' after the paths: that duty's row
    if topic in _NO_TOOLS_IN and any(e["entity"] == "tool" for e in scan_entities(text, kb)):
        return None  # 'which shared programming languages are listed?' after the duties: the tool lists'
    return "it" if _POINTS_BACK.search(text) else "whole"


def _names_a_row_elsewhere(kb: KnowledgeBase, text: str, topic: str) -> bool:
    """The message names a responsibility row (collaboration, monitoring...) that the thread's section is not
    narrowed by: it asks about that row, not about the section just answered."""
    aspects = [e for e in scan_entities(text, kb) if e.get("entity") == "aspect"]
    return bool(aspects) and "aspect" not in topic_fields(kb).get(topic, ())


# Sections that list no tools: a tool or tool group named after them is another section's
_NO_TOOLS_IN = ("responsibilities", "learning_path")


# A question after one stage of the path, not the paths as a whole ('how do the two paths differ?').
_WHICH_STAGE = re.compile(
    r"\b(which|what|any|a|one) (stage|step|point|level|part|phase)s?\b|\bwhere\b|\bwhen\b|\bstart\w*|\bfirst\b"
    r"|\bbegin\w*",
    re.I,
)


def path_stage_compared(kb: KnowledgeBase, text: str, named: Iterable[str]) -> str | None:
    """The learning stage a question about where the two paths agree or part asks for: the stage both paths teach
    alike ('which stage is identical for both?'), or the first where they differ ('where do they start to
    diverge?'); None when it names a stage itself or asks neither."""
    if "path_stage" in set(named) or not _WHICH_STAGE.search(text):
        return None
    same = [s.key for s in kb.learning_paths if s.ai_engineer == s.ml_engineer]
    different = [s.key for s in kb.learning_paths if s.ai_engineer != s.ml_engineer]
    if _PART.search(text) and different:
        return different[0]
    if _SAME.search(text) and len(same) == 1:
        return same[0]
    return None


# 'what makes their day-to-day priorities differ?', 'why would the two roles differ?': what the difference depends
# on, which the comparison says (organisational structure and project goals).
_WHAT_MAKES_THEM_DIFFER = re.compile(
    r"\bwhat makes\b.{0,40}\b(differ\w*|different)\b|\bwhy (do|does|would|will)\b.{0,40}\b(differ|be different)\b",
    re.I,
)


def asks_why_they_differ(kb: KnowledgeBase, text: str) -> bool:
    """What makes the two roles differ (their priorities, their work), naming no other section."""
    if not _WHAT_MAKES_THEM_DIFFER.search(text):
        return False
    return not set(detect_topics(text, kb)) - {"role_comparison", "responsibilities", "why_it_matters"}


# 'what do they have in common?' after the roles compared: the shared core of skills; 'what do they both rely
# on?': the comparison's own opening (both rely on data, algorithms and scalable infrastructure).
_IN_COMMON = re.compile(r"\b(in common|common to (both|them|the two)|(do|does) (both|they|the two) share)\b", re.I)
_RELY_ON = re.compile(r"\b(rely|relies|relying|depend|depends|build|built|based) on\b", re.I)
_BOTH_OF_THEM = re.compile(r"\b(both|the two|these two|those two|each)\b", re.I)


def shared_ground_intent(
    kb: KnowledgeBase, intent: str, text: str, previous: Mapping[str, Any], named: Iterable[str]
) -> str | None:
    """What the two roles share, asked after anything but a section answered per role (which says its own
    shared part): the shared core of skills, or what both rely on (the comparison's opening)."""
    if previous.get("topic") in _SPLIT_THREADS or set(named):
        return None  # ('and the AI folks, what do they rely on instead?' asks about one role)
    if set(detect_topics(text, kb)) - _COMPARE_TOPICS - {"skills", "skill_comparison"}:
        return None
    if _RELY_ON.search(text) and _BOTH_OF_THEM.search(text):
        return None if intent == "ask_role_comparison" else "ask_role_comparison"
    if _IN_COMMON.search(text):
        return None if intent == "ask_skills" else "ask_skills"
    return None


# 'how do the two compare when it comes to handling data?': a row of the responsibilities table for both roles,
# asked as a comparison (NLU reads the skills compared or the roles compared).
_SKILL_WORDS = re.compile(r"\bskill|\brat(ed|ing)\b|\bexpertise\b|\bknow(ledge)?\b", re.I)
_COMPARED_ROW = ("ask_skill_comparison", "ask_role_comparison", "ask_which_better")


def compares_a_duty(kb: KnowledgeBase, intent: str, text: str, named: Iterable[str]) -> bool:
    """A comparison of the two roles on one duty the responsibilities table has a row for, naming no skill or tool:
    that row."""
    kinds = set(named)
    if intent not in _COMPARED_ROW or "aspect" not in kinds or kinds & {"skill", "tool", "path_stage"}:
        return False
    if _SKILL_WORDS.search(text):
        return False  # 'what data handling skills are shared by both roles?': the skills, not the duty
    return not set(detect_topics(text, kb)) - {"role_comparison", "skill_comparison", "responsibilities", "skills"}


# 'what do they actually spend their time on?', 'which role spends more time with the containers?', 'the other one
# focuses on what?': where a role's working time goes (its tools, when tools are talked about, else its duties).
_TIME_SPENT = re.compile(
    r"\bspend(s|ing)?\b.{0,25}\btime\b|\btime\b.{0,15}\bspent\b|\bfocus(es|ed|ing)? on what\b|\blean(s|ing)? on\b",
    re.I,
)


_ABOUT_ME = re.compile(r"\b(i|i'm|im|me|my|myself)\b", re.I)
# Sections that say where a role's time goes themselves (its tools, duties, steps, a project's split of the work).
_TIME_THREADS = ("tools", "responsibilities", "role_definition", "workflow", "scenarios", "role_comparison")


def time_spent_intent(kb: KnowledgeBase, intent: str, text: str, previous: Mapping[str, Any]) -> str | None:
    """Where one role's time goes: the tools it leans on right after tools (or when a tool group is named),
    its responsibilities otherwise; None when the words ask something else or name another section."""
    if not _TIME_SPENT.search(text) or intent in ("ask_tools", "ask_role_definition", "ask_skill_gap"):
        return None
    if intent == "ask_role_fit" and (_ABOUT_ME.search(text) or not _ASKS_WHICH_ROLE.search(text)):
        return None  # 'where would I spend more time?' asks the fit; 'who spends more time on those?' does not
    if _names_tool_group(kb, text):
        return "ask_tools"
    follows = intent == "inform" and previous.get("topic") in _TIME_THREADS
    if intent in ("ask_other_role", "ask_responsibilities") or follows:
        return None  # the other role, or the thread: what the last answer was about decides
    if previous.get("topic") == "tools":
        return "ask_tools"
    if set(detect_topics(text, kb)) - {"responsibilities", "role_definition"}:
        return None
    return "ask_responsibilities"


def _names_tool_group(kb: KnowledgeBase, text: str) -> bool:
    """Whether `text` names one of the article's tool groups by a word of its own ('the containers')."""
    words = [alias for c in kb.tools.categories for alias in (c.name, *c.aliases)]
    return any(rx(rf"\b{re.escape(w)}\b", re.I).search(text) for w in words)


def other_side_of_tools(kb: KnowledgeBase, question: Question, named: Iterable[str]) -> Question:
    """'and what does the other role spend more time on?' after a tool group one role leans on: the other role's
    tools (the group it was about is not asked again)."""
    if question.topic != "tools" or not question.other_role_requested or question.roles or "tool" in set(named):
        return question
    leaners = {
        role
        for role, groups in kb.tools.role_categories.items()
        for c in kb.tools.categories
        if c.key in groups and any(t.lower() in (a.lower() for a in (c.name, *c.aliases)) for t in question.tools)
    }
    if len(leaners) != 1:
        return question
    (leaner,) = leaners
    other = next(r for r in kb.roles if r != leaner)
    return replace(question, roles=(other,), tools=(), skills=(), compare=False)


def both_roles_again(question: Question, previous: Mapping[str, Any], named: Iterable[str], text: str) -> Question:
    """'and deployment?' right after a message that asked the same of each role in turn ('who does the AI engineer
    collaborate with, and who does the ML engineer?'): both roles again, not only the one asked last."""
    if "role" in set(named) or question.other_role_requested or len(question.roles) != 1:
        return question
    if question.topic != previous.get("topic") or question.roles[0] != previous.get("role"):
        return question
    if not subject_parts(previous.get("subject")).get("shown", "").startswith("role=") or _ONE_OF_THEM.search(text):
        return question
    return replace(question, roles=())


# A follow-up about one of the two ('and for that one?', 'what about him'): not both.
_ONE_OF_THEM = re.compile(r"\b(that|this|the (first|second|last|latter|former)) (one|role)\b|\b(his|her|its)\b", re.I)


# 'that other role' / 'the said other one': the role just asked about as the other one, not the other of it.
_THAT_OTHER = re.compile(r"\b(that|this|the said|said) other (role|one|route|path|job|side|engineer)\b", re.I)


def other_role_elsewhere(
    kb: KnowledgeBase, question: Question, intent: str, text: str, previous: Mapping[str, Any]
) -> Question:
    """'and the other role's main tools?' after one role's pay: the other role, in the section the words name (or
    NLU's own section for it), not the last answer's section again; 'that other role' is the one just answered."""
    if not question.other_role_requested or question.topic != previous.get("topic"):
        return question
    instead = _FOCUS_INSTEAD.search(text) and not set(detect_topics(text, kb)) - _FOCUS_TOPICS
    if question.topic in ("tools", "role_definition") and instead:
        return question  # 'and what does the other role focus on instead?' after who leans on a tool group: its tools
        # (after what one role is: what the other one is, its own focus said there)
    asked = intent[4:] if intent.startswith("ask_") and intent[4:] in kb.topics else None
    detected = [t for t in detect_topics(text, kb) if t in kb.topics and t not in _COMPARE_TOPICS]
    topic = asked if asked and asked not in _COMPARE_TOPICS else detected[0] if detected else None
    if topic is None or topic == question.topic:
        return question
    roles = question.roles
    if _THAT_OTHER.search(text) and previous.get("role"):
        roles = (str(previous["role"]),)
    return Question(topic=topic, roles=roles, other_role_requested=True, text=text, reason=question.reason)


# 'what does the other one focus on instead?', '... spend its time on?': where the other role's time goes
_FOCUS_INSTEAD = re.compile(r"\b(instead|rather)\b|" + _TIME_SPENT.pattern, re.I)
_FOCUS_TOPICS = frozenset({"responsibilities", "role_definition", "tools"})

_THEIR = re.compile(r"\b(their|its|they|them|his|her)\b", re.I)
_COMPARED_TO = re.compile(r"\b(differ\w*|different|compare[sd]?|comparison|versus|vs\.?|unlike)\b", re.I)


def compared_with_named_role(
    question: Question, previous: Mapping[str, Any], named: Iterable[str], text: str
) -> Question:
    """'how does the advanced stage differ from the AI engineer path?' right after the ML engineer's path: the role
    named is compared with the one talked about, so both roles are asked, not only the one named."""
    if len(question.roles) != 1 or "role" not in set(named) or question.topic not in _SPLIT_THREADS:
        return question
    before = previous.get("role")
    if not before or before == question.roles[0] or not _COMPARED_TO.search(text):
        return question
    if previous.get("topic") != question.topic and not _THEIR.search(text):
        return question  # ('what's their data handling like compared to the first role?' after one role's definition)
    # ('just the advanced stage for that one' next: the role named, remembered as the one the answer is about)
    return replace(question, roles=(), answered_role=question.roles[0])


# 'and in the AI engineer role, for comparison?', 'vs the ai eng one?', 'ok and the AI engineer focuses on?', 'what
# about the ML side then?': a short message opening as a follow-up that names one role and nothing the last question
# was not already narrowed to. Whatever that question was about (a rating, a stage, tools, challenges), it is asked
# again for the role named.
_SWITCH_OPENER = re.compile(
    r"^\W*((ok(ay)?|so|now|then|right|alright|hmm)\W+)*(and|now|vs\.?|versus|what about|how about"
    r"|same\b[\w ]{0,12}\bfor|compared? (to|with)|for comparison|now for|for)\b|\bfor (comparison|contrast)\b"
    r"|\b(vs\.?|versus)\b",
    re.I,
)
# 'what would the ML hire handle?', 'what does the AI engineer take on?' after a list the article splits between the
# roles (the challenges each tackles): that role's share of the list just given
_TAKES_ON = re.compile(
    r"^\W*(what|which)( ones?| parts?| bits?)? (would|will|does|do|should|could) .{1,30}\b"
    r"(handle|tackle|address|take on|deal with|cover|pick up|own|be responsible for)\W*$",
    re.I,
)
_WORK_SPLIT_TOPICS = ("challenges", "enterprise_constraints")
_ASKS_WHICH_ROLE = re.compile(r"\b(who|whom|which (role|one|of (them|the two)))\b", re.I)
SWITCH_WORDS = 9  # longer messages ask their own question
_SEVERAL_AGAIN = re.compile(r"\bsame (two|three|four|ones|things|questions)\b", re.I)
_SWITCH_KINDS = ("level", "stage", "path_stage", "aspect")  # the slots a named value must match to add nothing


def switches_role(
    kb: KnowledgeBase, text: str, previous: Mapping[str, Any], entities: Iterable[Mapping[str, Any]], norm: Any
) -> bool:
    """The last question again with another role: a short follow-up naming one role (not the last one) and only
    what the last answer was already narrowed to, after a section that can be narrowed to one role."""
    topic = previous.get("topic")
    if topic not in kb.topics or "role" not in topic_fields(kb).get(topic, ()):
        return False
    opens = _SWITCH_OPENER.search(text) or (topic in _WORK_SPLIT_TOPICS and _TAKES_ON.search(text))
    if len(text.split()) > SWITCH_WORDS or not opens or _ASKS_WHICH_ROLE.search(text):
        return False
    if _SEVERAL_AGAIN.search(text):
        return False  # 'same two for the AI engineer?': the several things asked before, not the last one alone
    roles = {norm.role(str(e.get("value"))) for e in entities if e.get("entity") == "role"}
    if len(roles) != 1 or None in roles or roles == {previous.get("role")}:
        return False
    fields = topic_fields(kb).get(topic, ())
    for entity in entities:
        kind = entity.get("entity")
        if kind == "role":
            continue
        value = getattr(norm, kind)(str(entity.get("value"))) if kind in _SWITCH_KINDS else None
        if value is None or not (value == previous.get(kind) or _only_the_verb(kind, value, fields)):
            return False  # 'and the AI engineer's advanced stage?': a new facet, read as it says
    return not set(detect_topics(text, kb)) - _COMPARE_TOPICS


def _only_the_verb(kind: str, value: str, fields: Iterable[str]) -> bool:
    """'focuses on' read as the primary-focus row after a section that has no rows of duties (the challenges one
    role tackles): the verb of the question, not a duty asked."""
    return kind == "aspect" and value == keys.PRIMARY_FOCUS and "aspect" not in set(fields)


# 'which role is higher?', 'who comes out ahead?', 'so which one wins?': asked right after the two roles were
# compared on one thing (a skill's ratings, the pay), the comparison just given says which; not a verdict on the
# roles as a whole.
_WHO_IS_AHEAD = re.compile(
    r"\b(which|who|what role)\b.{0,30}\b(high|higher|highest|ahead|wins?|winning|on top|stronger|strongest|greater"
    r"|bigger|better|more|most|rated higher|scores? higher|leads?|edge)\b",
    re.I,
)
# Answers that compare the two roles on one thing (a skill, once narrowed to it; the pay).
_ONE_THING_COMPARED = ("skills", "skill_comparison", "salary_comparison")
AHEAD_WORDS = 8


def asks_who_is_ahead(kb: KnowledgeBase, text: str, previous: Mapping[str, Any], named: Iterable[str]) -> bool:
    """'which role is higher?' right after both roles were compared on one skill or on pay, naming nothing new:
    that comparison again (its answer says which role is ahead)."""
    topic = previous.get("topic")
    if topic not in _ONE_THING_COMPARED or previous.get("role") or set(named) - {"role"}:
        return False
    if topic != "salary_comparison" and not subject_parts(previous.get("subject")).get("skill"):
        return False  # the whole skills section: no one comparison to read the winner from
    if len(text.split()) > AHEAD_WORDS or not _WHO_IS_AHEAD.search(text):
        return False
    return not set(detect_topics(text, kb)) - _COMPARE_TOPICS - {topic}


def own_tools_after_switch(
    kb: KnowledgeBase, question: Question, previous: Mapping[str, Any], named: Iterable[str], text: str = ""
) -> Question:
    """'and the AI ones?' after the tools the ML engineer uses for modelling (a step only the ML engineer owns), 'and
    the ML folks spend their time on what instead?' after a group the AI engineer leans on: the tools the role named
    leans on, not that step's or that group's again."""
    if _not_its_group(kb, question, named, text):
        return replace(question, stage=None, skills=(), tools=(), aspect=None)
    stage, role = question.stage, question.role
    if question.topic != "tools" or not stage or not role or "stage" in set(named) or stage != previous.get("stage"):
        return question
    before = previous.get("role")
    if not before or before == role:
        return question
    owners = [r for r, steps in kb.workflow.ownership.items() if stage in steps]
    if role in owners or before not in owners:
        return question
    return replace(question, stage=None, skills=(), tools=(), aspect=None)


def duty_row_for_unowned_step(kb: KnowledgeBase, question: Question, text: str) -> Question:
    """'which role is more hands-on with that kind of early data work?' after a step the article assigns to neither
    role: the duty row the words name (data handling), which does say who does more of it."""
    if question.topic not in ("tools", "workflow") or not question.stage or not question.aspect:
        return question
    if not _ASKS_WHICH_ROLE.search(text) or any(question.stage in steps for steps in kb.workflow.ownership.values()):
        return question
    return replace(question, topic="responsibilities", stage=None, roles=(), tools=(), skills=())


def _not_its_group(kb: KnowledgeBase, question: Question, named: Iterable[str], text: str) -> bool:
    """The tools asked of one role 'instead', carried from a group only the other role leans on."""
    role = question.role
    if question.topic != "tools" or not role or not question.tools or "tool" in set(named):
        return False
    if not _FOCUS_INSTEAD.search(text):
        return False
    said = {t.lower() for t in question.tools}
    leaners = {
        r
        for r, groups in kb.tools.role_categories.items()
        for c in kb.tools.categories
        if c.key in groups and said & {a.lower() for a in (c.name, *c.aliases)}
    }
    return bool(leaners) and role not in leaners

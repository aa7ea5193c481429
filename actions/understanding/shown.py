"""What the last answer showed, in order, and the references into it ('the last two', 'the middle two steps',
'tools for each of those', 'the second of those two', 'the step after those two', 'the one just before it').

An answer remembers the ordered list it showed (workflow steps, learning stages, the items of a list answer,
a row of the skills table, tool groups, both roles' parts, one role's tasks in a scenario) in the `subject` slot
as 'shown:<kind>=<v1>+<v2>'; a message that points into it by a range, a position among 'those', or 'each of
those' is asked again once per element it picks, each as a plain follow-up on that one element ('the 5th one',
'that step'), so the rest of understanding answers it as it answers one element. The subject also keeps the
roles in the order the conversation explained them ('roles:ml_engineer+ai_engineer'), for 'the first one you
explained'; and an item asked about with another topic ('the 2nd one on that list, which step handles it?') is
asked by the item's own words.
"""

from __future__ import annotations

import re
from typing import Any, List, Mapping, Sequence, Tuple

from actions.knowledge.schema import ROLE_KEYS, KnowledgeBase
from actions.understanding import lookups
from actions.understanding.question import Question, subject_parts
from actions.understanding.topics import ORDINAL_WORDS, ordinal, split_parts, step_shift
from actions.understanding.vocabulary import normalizer_for

# Topics whose answer is a list of items pointed at by position (lookups.list_items), and the careers' titles.
ITEM_TOPICS = ("use_cases", "best_practices", "challenges", "enterprise_constraints", "key_takeaways", "why_it_matters")
_STEP_TOPICS = ("workflow", "tools")

# 'the second task', 'the first thing they do': a task within the one line just shown (a role's part in a scenario).
_TASK = re.compile(
    r"\b(?:the\s+)?(?:first|second|third|last|1st|2nd|3rd)\s+(?:task|duty|duties|thing|job|responsibility|activity)"
    r"(?:\s+(?:they|he|she|it)\s+(?:does|do|has|have))?\b",
    re.I,
)
_COUNT = {"two": 2, "three": 3, "2": 2, "3": 3, "both": 2}
# 'the last two', 'the first three steps', 'the middle two': a run of a list, by where it sits.
_RANGE = re.compile(
    r"\b(?:the\s+)?(?P<where>first|last|final|middle|top|bottom)\s+(?P<n>two|three|2|3)\b"
    r"(?!\s+(?:levels?|years?|roles?|engineers?|jobs?|figures?|numbers?|bands?))",
    re.I,
)
# 'those two', 'each of those', 'both of them', 'in those steps': every element of the list just shown.
_EVERY = re.compile(
    r"\b(?:(?:those|these|the)\s+(?:two|three|2|3)(?:\s+(?:steps?|stages?|ones|items?))?"
    r"(?!\s+(?:roles?|engineers?|jobs?|levels?|careers?|paths?|positions?|people|of\s+(?:us|you)))"
    r"|(?:each|all|both|every one)\s+of\s+(?:those|these|them|the two|the three)"
    r"|(?:those|these)\s+(?:steps|stages|ones|items)"
    r"|for\s+each(?:\s+(?:one|step|stage))?)\b",
    re.I,
)
# 'the second of those two', 'the first of them': one element of the list just shown, by position.
_OF_THOSE = re.compile(
    r"\b(?:the\s+)?(?P<pos>first|second|third|last|final|1st|2nd|3rd|former|latter)\s+(?:one\s+)?of\s+"
    r"(?:those|these|them|the two|the three)(?:\s+(?:two|three|steps|stages|ones))?\b",
    re.I,
)
_POS = {**ORDINAL_WORDS, "former": 1, "latter": -1}  # a position word -> 1-based, -1 for the last
_THEM = re.compile(r"\b(them|those|these|they)\b", re.I)
_NTH = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", 6: "6th", 7: "7th"}


def shown_of(kb: KnowledgeBase, questions: Sequence[Question]) -> str | None:
    """The ordered list the answers to `questions` showed, as 'kind=v1+v2' (kind: stage, path_stage, task, row,
    tool, role or item.<topic>), or None when they showed no list one can point into."""
    group = _group_shown(kb, questions)
    if group:
        return "tool=" + "+".join(group)  # 'and for MLOps / deployment?' then 'the last one of those': Kubeflow
    stages = [_stage_of(kb, q) for q in questions if q.topic in (*_STEP_TOPICS, "responsibilities")]
    stages = [s for s in stages if s]
    by_tool = [q.stage or _tool_step(kb, q) for q in questions if q.topic in _STEP_TOPICS]
    if len(questions) >= 2 and len(by_tool) == len(questions) and all(by_tool):
        stages = by_tool  # 'which step uses Spark, which uses Kafka?': the step of each tool, in the order asked
    each = _each_tool_step(kb, questions[0]) if len(questions) == 1 and not questions[0].stage else []
    if len(each) >= 2:
        stages = each  # 'which steps use Kafka and Spark?': one question, the step of each tool it names
    if not stages and len(questions) == 1 and questions[0].topic == "workflow" and len(questions[0].roles) == 1:
        owned = set(kb.workflow.ownership.get(questions[0].roles[0], []))  # 'which steps do AI engineers manage?'
        stages = [s.key for s in kb.workflow.stages if s.key in owned]
    step_tools = _one_step_tools(kb, questions)
    if step_tools:
        return "tool=" + "+".join(step_tools)  # 'the second of those' after one step's tools: that tool
    if stages:
        return "stage=" + "+".join(dict.fromkeys(stages))
    paths = [q.path_stage for q in questions if q.path_stage and q.topic == "learning_path"]
    if paths:
        return "path_stage=" + "+".join(dict.fromkeys(paths))
    one = questions[-1]
    if len(questions) == 1 and one.topic == "scenarios" and one.scenario and len(one.roles) == 1:
        return f"task={one.scenario}/{one.roles[0]}"  # one role's tasks in one scenario: 'the first of those'
    rows = {t.matrix_skill for q in questions if q.topic in ("skills", "skill_comparison") for t in q.skill_terms}
    summary = {t.summary_skill for q in questions if q.topic in ("skills", "skill_comparison") for t in q.skill_terms}
    in_summary = bool(re.search(r"\bsummary\b", one.text, re.I))  # 'the Data Engineering row of the summary table'
    if len(questions) == 1 and len(rows - {None}) == 1 and not (in_summary and len(summary - {None}) == 1):
        return f"row={(rows - {None}).pop()}"  # one row of the skills table: 'the row above it' moves from it
    if len(questions) == 1 and len(summary - {None}) == 1:
        return f"srow={(summary - {None}).pop()}"  # one row of the summary table: 'the row after that', 'the last row'
    rating = asked_rating(one.text) if len(questions) == 1 and one.topic in ("skills", "skill_comparison") else None
    if len(questions) == 1 and one.topic in ("skills", "skill_comparison") and _RATED_ALIKE.search(one.text):
        rating = SAME_RATING  # 'where are they rated the same?': 'what level is that for both?' asks it again
    if rating and not rows - {None}:
        return f"rating={rating}"  # 'where is the ML engineer only medium?': 'the reverse for the AI engineer?'
    named = lookups.tools_with_word(kb, one.tools[0]) if one.topic == "tools" and len(one.tools) == 1 else []
    if len(questions) == 1 and len(named) >= 2 and not one.stage:
        return "tool=" + "+".join(named)  # 'which Azure tools are mentioned?': those tools, for 'the second one'
    groups = [q.tools[0] for q in questions if q.topic == "tools" and len(q.tools) == 1 and not q.stage]
    if len(set(groups)) >= 2 and not any(re.search(r"[+|:=]", g) for g in groups):
        return "tool=" + "+".join(dict.fromkeys(groups))  # 'which development tools, and which ML frameworks?'
    roles = [q.roles[0] for q in questions if len(q.roles) == 1]
    if len(set(roles)) == 2 and len(questions) == 2 and questions[0].topic == questions[1].topic:
        return "role=" + "+".join(roles)  # 'what does the ML engineer do there, and the AI engineer?'
    items = [(q.topic, _item_position(kb, q)) for q in questions]
    items = [(topic, n) for topic, n in items if n]
    if items and len({topic for topic, _ in items}) == 1:
        return f"item.{items[0][0]}=" + "+".join(dict.fromkeys(str(n) for _, n in items))
    return None


def _group_shown(kb: KnowledgeBase, questions: Sequence[Question]) -> List[str]:
    """The items of the one tool group a single tools question asked for ('ML frameworks', 'MLOps / deployment'),
    in the article's order, even when a step's words came with it: the answer lists the group, not the step."""
    one = questions[0]
    if len(questions) != 1 or one.topic != "tools" or len(one.tools) != 1:
        return []
    norm = normalizer_for(kb)
    key = norm.tool_category(one.tools[0])
    return next((list(c.items) for c in kb.tools.categories if c.key == key), [])


_STEP_POINTED = re.compile(r"\b(that|this|the same|those|these) (step|stage|phase)s?\b", re.I)


def _one_step_tools(kb: KnowledgeBase, questions: Sequence[Question]) -> List[str]:
    """The tools of the one step a lone tools question asked for by its name (none named), in the article's
    order; [] else. A step asked by its position ('tools for the first step?') keeps the steps as the list, so
    'and the last one?' goes on counting steps."""
    if len(questions) != 1 or questions[0].topic != "tools" or not questions[0].stage or questions[0].tools:
        return []
    if ordinal(questions[0].text or "") is not None or _STEP_POINTED.search(questions[0].text or ""):
        return []  # (a position resolved earlier is written back as 'that step': 'tools for that step')
    step = next((s for s in kb.workflow.stages if s.key == questions[0].stage), None)
    tools = list(step.tools) if step else []
    return tools if len(tools) >= 2 and not any(re.search(r"[+|:=]", t) for t in tools) else []


def _stage_of(kb: KnowledgeBase, question: Question) -> str | None:
    """The step a question is about: its own, else (a responsibility row asked by a step's words, 'who owns data
    prep?') the one step whose name or alias is a skill it names, so 'tools for the second' finds it."""
    if question.stage or question.topic != "responsibilities":
        return question.stage
    said = {s.lower() for s in question.skills}
    text = question.text.lower()
    steps = [
        s.key
        for s in kb.workflow.stages
        if any(
            n in said or re.search(rf"\b{re.escape(n)}\b", text) for n in {s.name.lower(), *map(str.lower, s.aliases)}
        )
    ]
    return steps[0] if len(steps) == 1 else None


def _each_tool_step(kb: KnowledgeBase, question: Question) -> List[str]:
    """The steps of the several tools one tools question names, in the order named, when each is in one step."""
    if question.topic not in _STEP_TOPICS or len(question.tools) < 2:
        return []
    steps = [_tool_step(kb, Question(topic="tools", tools=(tool,))) for tool in question.tools]
    return list(dict.fromkeys(steps)) if all(steps) else []


def _tool_step(kb: KnowledgeBase, question: Question) -> str | None:
    """The one workflow step the one tool a tools question names is used in, else None."""
    if question.topic != "tools" or len(question.tools) != 1:
        return None
    tool = question.tools[0].lower()
    steps = [s.key for s in kb.workflow.stages if any(tool in t.lower() for t in s.tools)]
    return steps[0] if len(steps) == 1 else None


# The ratings of the article's two skill tables (Basic < Moderate < Advanced; Medium < High).
_RATING = re.compile(r"\b(basic|moderate|advanced|medium|high)\b", re.I)
# 'where are they equal?', 'any areas rated the same?': the areas both roles are rated alike (shown as rating=Same)
_RATED_ALIKE = re.compile(
    r"\b(equal(ly)?|tied?|on par|identical|alike|(rated|scored?|ranked|rate) the same|the same (level|rating|score))\b",
    re.I,
)
SAME_RATING = "Same"


def asked_rating(text: str) -> str | None:
    """The one table rating a message filters the skills by ('where is the ML engineer only medium?': Medium)."""
    found = {w.capitalize() for w in _RATING.findall(text or "")}
    return found.pop() if len(found) == 1 else None


def rating_shown(previous: Mapping[str, Any]) -> str | None:
    """The rating the last answer listed the skill areas at, if it was such a list."""
    kind_keys = shown_list(previous)
    return kind_keys[1][0] if kind_keys and kind_keys[0] == "rating" and kind_keys[1] else None


def _item_position(kb: KnowledgeBase, question: Question) -> int | None:
    if question.topic in ITEM_TOPICS and question.item:
        count = len(lookups.list_items(kb, question.topic))
        return count if question.item == -1 else question.item if 0 < question.item <= count else None
    if question.topic in lookups.THING_LISTS and question.item is None:  # 'secure API gateways - listed under?'
        named = [n for topic, n in lookups.items_by_own_words(kb, question.text) if topic == question.topic]
        return named[0] if len(named) == 1 else None
    if question.topic == "careers" and question.job_title:
        keys = [t.key for t in kb.careers.titles]
        return keys.index(question.job_title) + 1 if question.job_title in keys else None
    return None


def shown_list(previous: Mapping[str, Any]) -> Tuple[str, List[str]] | None:
    """The list the last answer showed, as (kind, keys in its order), from its subject's 'shown:kind=k1+k2'."""
    value = subject_parts(previous.get("subject")).get("shown")
    if not value or "=" not in value:
        return None
    kind, _, keys = value.partition("=")
    return kind, [k for k in keys.split("+") if k]


def _list_length(kb: KnowledgeBase, previous: Mapping[str, Any], text: str) -> Tuple[str, int] | None:
    """The list a range points into ('the last two' after the careers: careers), as (kind, its length)."""
    topic = previous.get("topic")
    if re.search(r"\b(steps?|phases?)\b", text, re.I) or (topic in _STEP_TOPICS and not previous.get("role")):
        return "stage", len(kb.workflow.stages)
    if re.search(r"\bstages?\b", text, re.I) or topic == "learning_path":
        return "path_stage", len(kb.learning_paths)
    if topic in ITEM_TOPICS:
        return f"item.{topic}", len(lookups.list_items(kb, topic))
    if topic == "careers":
        return "item.careers", len(kb.careers.titles)
    return None


def _run(where: str, n: int, length: int) -> List[int]:
    """The 1-based positions of a run of `n` ('last', 'middle', ...) in a list of `length`."""
    if n >= length:
        return []
    where = where.lower()
    if where in ("last", "final", "bottom"):
        return list(range(length - n + 1, length + 1))
    if where == "middle":
        start = (length - n) // 2 + 1
        return list(range(start, start + n))
    return list(range(1, n + 1))


def references(kb: KnowledgeBase, previous: Mapping[str, Any], text: str) -> List[Tuple[Mapping[str, Any], str]]:
    """The (context, text) pairs a message pointing into the last answer's list stands for, one per element it
    picks, each to be understood on its own; [] when it points at no run of the list or at none of it."""
    worked = _worked_asked(kb, previous, text)
    if worked:
        return worked
    names_list = bool(re.search(r"\b(steps?|phases?|stages?)\b", text or "", re.I))  # 'the first two stages?'
    if not text or text.startswith("/") or not (previous.get("topic") or names_list) or _later_part(text):
        return []  # 'how many steps, and who handles the last three?': each part on its own
    task = _TASK.search(text)
    if task and previous.get("topic") == "scenarios" and previous.get("role"):
        said = (text[: task.start()] + text[task.end() :]).strip(" -,:;")  # one role's line: its tasks are in it
        return [(previous, said)] if said else []
    shown = shown_list(previous)
    row = _row_moved(kb, previous, shown, text)
    if row:
        return [row]
    moved = _moved_run(kb, previous, shown, text)
    if moved is not None:
        return moved
    run = _RANGE.search(text)
    if run:
        found = _list_length(kb, previous, text)
        if found is None:
            return []
        kind, length = found
        count = _COUNT[run.group("n").lower()]
        if shown and shown[0] == kind and len(shown[1]) > count:  # 'the last two' of the steps a role manages
            keys = [shown[1][p - 1] for p in _run(run.group("where"), count, len(shown[1]))]
            return [_element(kb, previous, kind, key, text, run) for key in keys]
        positions = _run(run.group("where"), count, length)
        return [_at(kb, previous, kind, position, text, run) for position in positions]
    if shown is None:
        return []
    kind, keys = shown
    if kind in ("role", "task"):
        return []  # 'the first of them' after both roles' parts: role_reference; one role's tasks: item_named
    if kind == "tool":
        return _named_group(previous, keys, text)
    one = _OF_THOSE.search(text)
    if one and len(keys) >= 2:
        position = _POS[one.group("pos").lower()]
        if abs(position) > len(keys):
            return []
        return [_element(kb, previous, kind, keys[position - 1 if position > 0 else -1], text, one)]
    every = _EVERY.search(text) or _tools_of_role_steps(previous, kind, keys, text)
    if every and len(keys) >= 2:
        shift = step_shift(text)
        if shift:  # 'the step after those two': a move from the end of the run (back: from its start)
            at = _positions_shown(kb, kind, keys)
            # (named out of order, 'Spark and Kafka': from the furthest along)
            ordered = [k for _, k in sorted(zip(at, keys, strict=True))] if len(at) == len(keys) else keys
            key = ordered[-1] if shift > 0 else ordered[0]
            return [_element(kb, previous, kind, key, text, every, keep_move=True)]
        if ordinal(text) is not None:
            return []
        return [_element(kb, previous, kind, key, text, every) for key in keys]
    if len(keys) == 1 and kind.startswith("item.") and step_shift(text) and _bare_move(text):
        position = int(keys[0]) + (1 if step_shift(text) > 0 else -1)  # 'and the one just before it?'
        length = _kind_length(kb, kind)
        if 1 <= position <= length:
            return [({**previous, "topic": kind[5:]}, f"the {_NTH.get(position, str(position))} one")]
    if kind.startswith("item.") and kind[5:] != previous.get("topic") and _bare_ordinal(text):
        return [({**previous, "topic": kind[5:]}, text)]  # 'and the third one?' after the second trend's skills
    return []


# 'what I do', 'my current tools', 'what I already know': the person's own work, as their self-description said it
_MY_WORK = re.compile(
    r"\b(?:what|which|where|the (?:things?|stuff))\s+(?:i|we)\s+(?:already\s+|currently\s+|usually\s+)?"
    r"(?:do|did|know|use|work (?:on|with)|handle|am doing)\b"
    r"|\b(?:my|our)\s+(?:current\s+|own\s+|existing\s+|day(?:-to-day)?\s+)?"
    r"(?:work|job|tools?|skills?|stack|experience|background|day job|expertise)\b",
    re.I,
)
_STEP_OR_TOOLS = re.compile(r"\b(steps?|stages?|phases?|workflow|tools?)\b", re.I)


def _worked_asked(kb: KnowledgeBase, previous: Mapping[str, Any], text: str) -> List[Tuple[Mapping[str, Any], str]]:
    """'which workflow step matches what I do?', 'where in the workflow are my current tools used?' just after a
    self-description: each step it said the person works in ('worked:' in the subject), asked as that step."""
    steps = [k for k in subject_parts(previous.get("subject")).get("worked", "").split("+") if k]
    mine = _MY_WORK.search(text or "")
    if not steps or not mine or not _STEP_OR_TOOLS.search(text) or text.startswith("/"):
        return []
    rest = text[: mine.start()] + text[mine.end() :]
    only_tools = re.search(r"\btools?\b", rest, re.I) and not re.search(
        r"\b(steps?|stages?|phases?|workflow)\b", rest, re.I
    )
    topic, said = ("tools", "tools for that step?") if only_tools else ("workflow", "that step?")  # (a step's answer
    return [({**previous, "topic": topic, "stage": key}, said) for key in steps]  # has its tools too)


# 'what tools would that be?', 'which tools do they use?': the tools of the steps a role manages, just listed
_TOOLS_WORD = re.compile(r"\b(tools?|platforms?|software|stack)\b", re.I)
_POINTER = re.compile(r"\b(that|those|these|them|they)\b", re.I)


def _tools_of_role_steps(previous: Mapping[str, Any], kind: str, keys: List[str], text: str) -> re.Match | None:
    """The pronoun of a tools question about the several steps one role manages (the last answer), so each step
    is asked for its tools; None after anything else, or when the message counts ('the first')."""
    if kind != "stage" or previous.get("topic") != "workflow" or previous.get("stage") or ordinal(text) is not None:
        return None
    return _POINTER.search(text) if _TOOLS_WORD.search(text) else None


_BARE_MOVE = re.compile(
    r"^\W*(and|ok|so|what about|how about)?\W*"
    r"((what|which)(\s+one)?(\s*'?s|\s+is|\s+was)?\s*)?"
    # 'what's the challenge before it?', 'and the practice after that one': the list's own noun said
    r"((the\s+)?(one|item|point|entry|challenge|practice|best practice|constraint|use case|trend|takeaway|factor"
    r"|title)s?\s*)?"
    r"((listed|comes|came|named)\s*)?"
    r"\s*(just\s+|right\s+|immediately\s+|directly\s+)?"
    r"(before|after|above|below|preceding|following)(\s+(it|that|this|that one))?\W*$",
    re.I,
)


def _bare_move(text: str) -> bool:
    return bool(_BARE_MOVE.search(text))


_BARE_ORDINAL = re.compile(
    r"^\W*(and|ok|so|what about|how about)?\W*(the\s+)?(first|second|third|fourth|fifth|sixth|last|final|1st|2nd|"
    r"3rd|4th|5th|6th)(\s+(one|item|point))?(\s+(one|on that list))?\W*$",
    re.I,
)


def _bare_ordinal(text: str) -> bool:
    return bool(_BARE_ORDINAL.search(text))


def _kind_length(kb: KnowledgeBase, kind: str) -> int:
    if kind == "stage":
        return len(kb.workflow.stages)
    if kind == "path_stage":
        return len(kb.learning_paths)
    if kind == "item.careers":
        return len(kb.careers.titles)
    return len(lookups.list_items(kb, kind[5:]))


def _at(
    kb: KnowledgeBase, previous: Mapping[str, Any], kind: str, position: int, text: str, match: re.Match
) -> Tuple[Mapping[str, Any], str]:
    """One position of a run, asked as 'the 5th one' on the list's topic."""
    said = _THEM.sub("it", text[: match.start()] + f"the {_NTH.get(position, str(position))} one" + text[match.end() :])
    if kind == "stage":
        topic = previous.get("topic") if previous.get("topic") in _STEP_TOPICS else "workflow"
        stage = kb.workflow.stages[position - 1].key
        return {**previous, "topic": topic, "stage": stage, "role": None}, _THEM.sub(
            "it", _as_that(text, match, "step")
        )
    if kind == "path_stage":
        stage = kb.learning_paths[position - 1].key
        return {**previous, "topic": "learning_path", "path_stage": stage}, _as_that(text, match, "stage")
    return {**previous, "topic": kind[5:]}, said


def _element(
    kb: KnowledgeBase,
    previous: Mapping[str, Any],
    kind: str,
    key: str,
    text: str,
    match: re.Match,
    keep_move: bool = False,
) -> Tuple[Mapping[str, Any], str]:
    """One element of the list shown, asked as a follow-up on that element alone ('that step', 'the 3rd one')."""
    if kind == "stage":
        topic = previous.get("topic") if previous.get("topic") in (*_STEP_TOPICS, "responsibilities") else "workflow"
        return {**previous, "topic": topic, "stage": key}, _THEM.sub("it", _as_that(text, match, "step"))
    if kind == "path_stage":
        return {**previous, "topic": "learning_path", "path_stage": key}, _THEM.sub(
            "it", _as_that(text, match, "stage")
        )
    position = int(key)
    said = text[: match.start()] + f"the {_NTH.get(position, str(position))} one" + text[match.end() :]
    return {**previous, "topic": kind[5:]}, _THEM.sub("it", said)


def _as_that(text: str, match: re.Match, noun: str) -> str:
    """The text with the reference replaced by 'that <noun>' ('what tools in those two?' -> 'what tools in that
    step?'); a bare reference ('the middle two steps?') becomes 'that step'."""
    said = (text[: match.start()] + f"that {noun}" + text[match.end() :]).strip()
    said = re.sub(rf"\bthat {noun}\s+{noun}s?\b", f"that {noun}", said, flags=re.I)
    return said


def roles_in_order(previous: Mapping[str, Any], questions: Sequence[Question]) -> str | None:
    """The roles the conversation has talked about one at a time, in the order it first did ('ml_engineer+
    ai_engineer'), so 'the first one you explained' names a role after both were explained."""
    before = [r for r in subject_parts(previous.get("subject")).get("roles", "").split("+") if r]
    now = [q.roles[0] for q in questions if len(q.roles) == 1]
    if any(q.topic in _BOTH_IN_ORDER and not q.roles for q in questions):
        now = [*now, *ROLE_KEYS]  # 'the short difference between the two roles': AI Engineer, then ML Engineer
    for q in questions:  # 'what does an ML engineer do compared to an AI engineer?': the order the person named them
        now = [*now, *q.roles] if q.topic in _BOTH_IN_ORDER and len(q.roles) > 1 else now
    order = list(dict.fromkeys([*before, *now]))
    return "+".join(order) if order else None


# Answers that present both roles side by side, the AI Engineer first ('the first one' is then that role).
_BOTH_IN_ORDER = ("role_comparison",)


# 'the first one you explained', 'the second one's focus', 'the first of them', 'the former': a role by the order
# it was talked about in.
_ROLE_ORDINAL = re.compile(
    r"\b(?:the\s+)?(?P<pos>first|second|1st|2nd|former|latter)\b"
    r"(?P<one>\s+(?:one|role|guy|person|engineer|of\s+(?:them|those|the two|these)|kind|type|sort|side|half|set))?"
    r"(?P<own>'s)?"
    r"(?P<said>\s+(?:one\s+)?(?:(?:you|u)\s+(?:explained|described|mentioned|covered|talked about|went through|"
    r"told me about|started with)|(?:i|we)\s+(?:asked about|asked for|asked|mentioned|named|brought up|"
    r"started with)))?",  # 'the first role I asked about'
    re.I,
)
_EXPLAINED_FIRST = re.compile(
    r"\bthe\s+one\s+(?:you|u)\s+(?:explained|described|mentioned|covered|talked about)\s+(?P<pos>first|second)\b",
    re.I,
)
# 'only the AI one of those', 'just the ML side': one role's part of an answer that gave both.
_ROLE_SIDE = re.compile(
    r"\b(?:the|that)\s+(?P<side>ai|ml|machine learning)\s+(?:one|side|part|half|version|bit)s?\b"
    r"(?:\s+(?:of\s+(?:those|these|them|that|it)))?",
    re.I,
)
# Topics about one role at a time, where 'the first one' cannot be an item of a list the answer showed.
_ROLE_TOPICS = ("role_definition", "responsibilities", "role_comparison", "which_better", "both_roles", "role_fit")


_PART_NOUN = re.compile(r"\bof\b|\b(kind|type|sort|side|half|set)\b", re.I)
_KIND_NOUN = re.compile(r"\b(kind|type|sort|side|half)\b", re.I)
# '... for the first one', '... of the second': a position said as whose, after one role's answers in turn.
_FOR_THE = re.compile(r"\b(?:for|of)\s*$", re.I)


def role_reference(kb: KnowledgeBase, previous: Mapping[str, Any], text: str) -> str | None:
    """The message with 'the first one (you explained)' replaced by the role it names, by the order the roles were
    talked about ('And the first one you explained, which steps?' -> 'And the Machine Learning Engineer, which
    steps?'); None when it points at no role that way."""
    if not text or text.startswith("/"):
        return None
    side = _ROLE_SIDE.search(text)
    if side and previous.get("topic") not in ("tools", "job_titles", "careers") and not previous.get("role"):
        role = kb.roles["ai_engineer" if side.group("side").lower() == "ai" else "ml_engineer"]
        return (text[: side.start()] + f"the {role.name}" + text[side.end() :]).strip()  # 'only the AI one of those'
    order = [r for r in subject_parts(previous.get("subject")).get("roles", "").split("+") if r in kb.roles]
    duty = _duty_in_scenario(kb, previous, text)
    order = duty or order  # 'the second one integrates with what?' after one scenario's two lines (ML's first)
    if len(order) < 2:
        return None
    match = _EXPLAINED_FIRST.search(text)
    if not match:
        match = _ROLE_ORDINAL.search(text)
        listed = shown_list(previous)
        for_role = (  # ('the advanced stage for the second' after one role's stage, when no list was shown)
            bool(match and previous.get("role") and _FOR_THE.search(text[: match.start()]))
            and (not listed or len(listed[1]) <= 1)
        )
        bare = bool(match) and _bare_role_position(previous, listed, text, match)
        if not match or not (match.group("one") or match.group("own") or match.group("said") or for_role or bare):
            return None
        said = bool(match.group("said"))
        # 'the first of them', 'the second kind' after both roles' parts: one of the two parts, in their order
        of_them = bool(match.group("one")) and bool(_PART_NOUN.search(match.group("one")))
        kind_of_role = bool(match.group("one")) and _KIND_NOUN.search(match.group("one")) and previous.get("role")
        if (
            not duty
            and not said
            and previous.get("topic") not in _ROLE_TOPICS
            and not (of_them and _shows_both_roles(previous))
        ):
            # ('the intermediate stage for the first one' after two roles' paths, 'and the second kind' after the
            # first role's part of the two: that role)
            if not (for_role or kind_of_role):
                return None  # 'the first one' after a list: its first item
        if of_them and _shows_both_roles(previous):  # 'the first of them' after both roles' parts: in their order
            order = [r for r in shown_list(previous)[1] if r in kb.roles] or order  # type: ignore[index]
    position = _POS.get(match.group("pos").lower(), 1)
    role = kb.roles[order[0] if position == 1 else order[1] if position == 2 else order[-1]]
    own = "'s" if match.groupdict().get("own") else ""
    return (text[: match.start()] + f"the {role.name}{own}" + text[match.end() :]).strip()


_ASKS_WHO_DOES = re.compile(r"\b(who|whose|which (role|one|engineer) (does|handles|builds|monitors|owns))\b", re.I)


def _duty_in_scenario(kb: KnowledgeBase, previous: Mapping[str, Any], text: str) -> List[str]:
    """The roles in the order one scenario's answer lists them (ML first), when the last answer was that scenario
    for both roles and the message speaks of one of its duties ('the second one integrates with what?',
    'what does the first one train?'); [] otherwise (then 'the second one' is the second scenario)."""
    key = subject_parts(previous.get("subject")).get("scenario")
    scenario = next((s for s in kb.scenarios if s.key == key), None)
    if previous.get("topic") != "scenarios" or previous.get("role") or scenario is None:
        return []
    if _ASKS_WHO_DOES.search(text):
        return []  # 'who monitors uptime in the first one?': a role is asked, so the position is a scenario's
    duties = lookups.stems(" ".join([*scenario.ai_engineer, *scenario.ml_engineer]))
    return ["ml_engineer", "ai_engineer"] if lookups.stems(text) & duties else []


# 'what does the second emphasise?', 'and the first?': a bare position with a verb (or nothing) after it
_VERB_AFTER = re.compile(
    r"\s+(?:do|does|did|is|was|would|will|can|should|focus\w*|emphasi[sz]\w*|stress\w*|prioriti[sz]\w*|build\w*|"
    r"handle\w*|need\w*|cover\w*|own\w*|work\w*|spend\w*|use\w*|care\w*|deal\w*|concentrat\w*|make\w*|"
    r"specialis\w*|specializ\w*|manage\w*)\b|\W*$",
    re.I,
)


def _bare_role_position(
    previous: Mapping[str, Any], listed: Tuple[str, List[str]] | None, text: str, match: re.Match
) -> bool:
    """'the second' with no noun after it names a role when the last answer was about a role (one at a time or
    both compared) and showed no list of several items one could count in instead."""
    if previous.get("topic") not in _ROLE_TOPICS or (listed and len(listed[1]) > 1):
        return False
    said = text[match.start() : match.end()].lower()
    return said.startswith("the") and bool(_VERB_AFTER.match(text, match.end()))


def _shows_both_roles(previous: Mapping[str, Any]) -> bool:
    return subject_parts(previous.get("subject")).get("shown", "").startswith("role=")


# 'the third one', 'the 2nd one on that list', 'number four of those': a position in the list just shown, as words.
_POSITION_WORDS = re.compile(
    r"\b(?:(?:the\s+)?(?P<a>first|second|third|fourth|fifth|sixth|seventh|last|final|1st|2nd|3rd|4th|5th|6th|7th)"
    r"(?:\s+(?:one|item|point|factor|challenge|practice|constraint|use case|trend|takeaway|task|duty|thing)s?"
    r"|(?=\s+of\s+(?:those|these|them)))"
    r"|number\s+(?P<b>one|two|three|four|five|six|seven|[1-7]))"
    r"(?:\s+(?:on|in|of|from)\s+(?:that|the|this|those|these)(?:\s+\w+)?\s+list|\s+of\s+(?:those|these|them))?",
    re.I,
)


def _list_of(kb: KnowledgeBase, topic: str | None, previous: Mapping[str, Any]) -> Sequence[str]:
    if topic == "salary_factors":
        return kb.salaries.factors
    shown = shown_list(previous)
    if topic == "scenarios" and shown and shown[0] == "task" and "/" in shown[1][0]:
        scenario, role = shown[1][0].split("/", 1)  # one role's tasks in a scenario
        found = next((s for s in kb.scenarios if s.key == scenario), None)
        return getattr(found, role, ()) if found and role in kb.roles else ()
    return lookups.list_items(kb, topic)


# 'what does the ML engineer actually do there?', 'the AI engineer's part in it': a role's work in something.
_ROLE_AT_WORK = re.compile(
    r"\b(ml|ai|machine learning)\s+(engineer|engineers|one|side)\b.*\b(do|does|doing|part|role|job|work)\b"
    r"|\b(do|does)\s+(the\s+)?(ml|ai|machine learning)\s+(engineer|engineers)\b"
    # the split between both roles: 'how would the two engineers split that work?', 'who does what there?'
    r"|\b(split|splits|divide|divides|divvy|share|shares)\b.{0,20}\b(work|it|that|this|tasks?|jobs?|up)\b"
    r"|\bwho (does|would do|will do|handles|would handle) what\b"
    r"|\b(two|both|the) (engineers|roles)\b.{0,30}\b(do|handle|split|divide|share|work on|involved)\b",
    re.I,
)


def item_named(kb: KnowledgeBase, previous: Mapping[str, Any], text: str, detect) -> Tuple[str, str | None] | None:
    """The message with a position in the list just shown replaced by that item's words, when it asks another
    topic about it ('for the 2nd one on that list, which workflow step deals with it?' after the challenges ->
    'for model performance drift, which workflow step ...'), so the item's words find the step or tools; None
    otherwise; with the intent it then asks (a use case with a worked example asked about a role's work: the
    scenario), None to keep NLU's. `detect`: the topic detector (topics.detect_topics)."""
    topic = previous.get("topic")
    items = _list_of(kb, topic, previous)
    match = _POSITION_WORDS.search(text or "")
    if not items or not match or text.startswith("/") or _later_part(text, match.start()):
        return None
    word = (match.group("a") or match.group("b")).lower()
    position = _POS.get(word)
    if position is None or not (position == -1 or 1 <= position <= len(items)):
        return None
    rest = text[: match.start()] + " " + text[match.end() :]
    item = items[position - 1 if position > 0 else -1]
    said = (text[: match.start()] + item + text[match.end() :]).strip()
    scenario = lookups.scenario_for(kb, item)
    if scenario and _ROLE_AT_WORK.search(rest):  # 'the first one - what does the ML engineer do there?': its example
        name = next(s.name for s in kb.scenarios if s.key == scenario)
        return re.sub(r"^\W+", "", rest.strip()).rstrip("?.! ") + f", in the {name} scenario?", "ask_scenarios"
    asked = set(detect(rest)) - {topic, "role_comparison"}
    if not asked & {"workflow", "tools"}:
        return None  # 'the third one?', 'who handles the second one?': the list's own answer points into it
    step = lookups.stage_by_words(kb, item)
    if step and "workflow" in asked:  # 'which step of the workflow is that?': the step the item's words name
        said = (text[: match.start()] + f"step {step.number}, {step.name}" + text[match.end() :]).strip()
    return said, None


_GROUP_POSITION = re.compile(
    r"\b(?:the\s+)?(?P<pos>first|second|third|last|1st|2nd|3rd|former|latter)\s+"
    r"(?:(?:group|category|list|set|one)s?|of\s+(?:those|these|them|the two))\b",
    re.I,
)


def _named_group(previous: Mapping[str, Any], keys: List[str], text: str) -> List[Tuple[Mapping[str, Any], str]]:
    """'which languages are in the first group?' after two tool groups: that group, by its name."""
    match = _GROUP_POSITION.search(text)
    if not match:
        return []
    position = _POS[match.group("pos").lower()]
    if abs(position) > len(keys):
        return []
    name = keys[position - 1 if position > 0 else -1]
    return [({**previous, "topic": "tools"}, text[: match.start()] + name + text[match.end() :])]


# 'the row above it?', 'and the row after system integration?', 'the next row': a move in the skills table.
_ROW_MOVE = re.compile(
    r"\brow\s+(?:just\s+|right\s+|directly\s+)?(?P<a>above|below|before|after|under|over|up|down)\b"
    r"(?:\s+(?:it|that|this|that one))?"
    r"|\b(?P<b>previous|next|preceding|following)\s+row\b",
    re.I,
)
# 'the very last row', 'the first row': a row of the table just shown, by its place
_ROW_AT = re.compile(
    r"\b(?:the\s+)?(?:very\s+)?(?P<pos>first|second|third|fourth|fifth|sixth|last|final|top|bottom)\s+row\b", re.I
)
_ROW_BACK = ("above", "before", "over", "up", "previous", "preceding")


def _row_moved(
    kb: KnowledgeBase, previous: Mapping[str, Any], shown: Tuple[str, List[str]] | None, text: str
) -> Tuple[Mapping[str, Any], str] | None:
    """The skills-table row a move points at, from the row named after it or the one just shown, asked by name."""
    rows = list(kb.skill_summary if shown and shown[0] == "srow" else kb.skill_matrix)
    topic = previous.get("topic") if previous.get("topic") in ("skills", "skill_comparison") else "skill_comparison"
    at = _ROW_AT.search(text)
    if at and shown and shown[0] in ("row", "srow"):  # 'and the very last row?', 'the first row': that row by place
        word = at.group("pos").lower()
        position = {"top": 1, "bottom": -1, "final": -1}.get(word) or _POS.get(word)
        if position and abs(position) <= len(rows):
            row = rows[position - 1 if position > 0 else -1]
            table = " of the summary table" if shown[0] == "srow" else ""
            return {**previous, "topic": topic}, text[: at.start()] + f"the {row.name} row{table}" + text[at.end() :]
    match = _ROW_MOVE.search(text)
    if not match:
        return None
    after = text[match.end() :].lower()
    named = [i for i, r in enumerate(rows) if r.name.lower() in after]
    keys = [r.key for r in rows]
    if named:
        base = named[0]
        end = match.end() + after.index(rows[base].name.lower()) + len(rows[base].name)
    elif shown and shown[0] in ("row", "srow") and shown[1] and shown[1][0] in keys:
        base, end = keys.index(shown[1][0]), match.end()
    else:
        return None
    way = (match.group("a") or match.group("b")).lower()
    index = base + (-1 if way in _ROW_BACK else 1)
    if not 0 <= index < len(rows):
        return None
    table = " of the summary table" if shown and shown[0] == "srow" else ""
    said = text[: match.start()] + f"{rows[index].name} row{table}" + text[end:]
    return {**previous, "topic": topic}, said


def _later_part(text: str, start: int | None = None) -> bool:
    """The reference (at `start`, else the first one found) sits in a later part of a message that asks several
    things ('how many steps are there, and who handles the last three?'): that part is understood on its own."""
    parts = split_parts(text)
    if len(parts) < 2:
        return False
    if start is None:
        starts = [m.start() for m in (p.search(text) for p in _REFERENCES) if m]
        if not starts:
            return False
        start = min(starts)
    second = text.find(parts[1])
    return second > 0 and start >= second


# 'and the next two?', 'the previous two steps', 'the other two': a run next to (or besides) the elements just shown.
_NEXT_RUN = re.compile(
    r"\b(?:the\s+)?(?P<way>next|following|previous|preceding|other|remaining)\s+(?P<n>two|three|2|3)\b"
    r"(?!\s+(?:levels?|years?|roles?|engineers?|jobs?|figures?|numbers?|bands?|people))",
    re.I,
)


def _positions_shown(kb: KnowledgeBase, kind: str, keys: List[str]) -> List[int]:
    """The 1-based positions in their list of the elements shown."""
    if kind == "stage":
        order = [s.key for s in kb.workflow.stages]
    elif kind == "path_stage":
        order = [s.key for s in kb.learning_paths]
    elif kind.startswith("item."):
        return [int(k) for k in keys if k.isdigit()]
    else:
        return []
    return [order.index(k) + 1 for k in keys if k in order]


def _moved_run(
    kb: KnowledgeBase, previous: Mapping[str, Any], shown: Tuple[str, List[str]] | None, text: str
) -> List[Tuple[Mapping[str, Any], str]] | None:
    """'and the next two?' after step 3: steps 4 and 5; 'the other two' after two of four stages: the two left.
    None when the message names no such run or nothing was shown to count from."""
    match = _NEXT_RUN.search(text)
    if not match or not shown:
        return None
    kind, keys = shown
    at = _positions_shown(kb, kind, keys)
    length = _kind_length(kb, kind) if at else 0
    if not at:
        return None
    n = _COUNT[match.group("n").lower()]
    way = match.group("way").lower()
    if way in ("other", "remaining"):
        positions = [p for p in range(1, length + 1) if p not in at]
        if len(positions) != n:
            return None
    elif way in ("next", "following"):
        positions = list(range(max(at) + 1, max(at) + 1 + n))
    else:
        positions = list(range(min(at) - n, min(at)))
    if not positions or positions[0] < 1 or positions[-1] > length:
        return None
    return [_at(kb, previous, kind, position, text, match) for position in positions]


# Every way a message points into the list shown, for _later_part.
_REFERENCES = (_RANGE, _NEXT_RUN, _EVERY, _OF_THOSE, _TASK, _ROW_MOVE, _GROUP_POSITION, _POSITION_WORDS)

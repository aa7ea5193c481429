"""The role-fit interview as a pure state machine: one state value in, one message in, the next state out.

Rasa only carries the state (one slot, `fit_state`) and renders what this module decides; the question on
screen is always `state.current`, and every answer is stored against the question it answers (a button
names its question; typed text answers the one shown). Nothing here talks to Rasa, so every path (stop,
start over, a question asked in between, a stale button, two misses, a self-description that answers several
questions at once and, when it leans one way, gets that lean at once before the question that could change it,
stopping early once the remaining questions can no longer change the outcome, a later statement revising the
recommendation) is unit-tested on plain data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import product
from typing import Any, Dict, List, Mapping, Sequence, Tuple

from actions.knowledge.patterns import rx
from actions.knowledge.schema import AdvisorQuestion, KnowledgeBase, other_role
from actions.reasoning.advisor import question_for, recommend
from actions.reasoning.answer_matching import MOOD_ONLY, Match, Similarity, is_neutral, match_answer
from actions.understanding import spelling
from actions.understanding.context import asks_every_role, asks_this_and_the_other
from actions.understanding.lookups import missing_fact
from actions.understanding.person import background
from actions.understanding.sentiment import normalise as normalise_text
from actions.understanding.sentiment import sentiment, tokenize
from actions.understanding.topics import detect_topics, is_correction, pay_topics, scan_entities, topic_fields
from actions.understanding.triage import triage
from actions.understanding.understand import NLU_SURE

SKIP = "skip"
ASKING, DONE, STOPPED = "asking", "done", "stopped"
MAX_MISSES = 2  # a question is shown at most twice in a row: once, and once more with its buttons and a skip
RESTART_PATTERN = re.compile(r"\b(start (it )?over|start again|restart|from the (beginning|start)|reset|redo)\b")
STOP_PATTERN = re.compile(
    r"^(please )?(stop|cancel|quit|exit|abort|end|enough|halt)\b|\b(i want to|let'?s|can we|i'?d like to) "
    r"(stop|quit|cancel|exit|end)\b|\b(no more questions|stop (asking|the (quiz|questions|interview)))\b"
)
CORRECTION_PATTERN = re.compile(
    r"\b(actually|changed my mind|change my answer|on second thought|i meant|scratch that|correction)\b"
)
QUESTION_START = {
    "what", "how", "which", "who", "whom", "why", "where", "when", "do", "does", "did", "is", "are", "can", "could",
    "should", "would", "will", "tell", "explain", "whats", "hows", "describe", "compare", "list", "give", "show",
}  # fmt: skip
PREFERENCE = re.compile(  # not 'should I get familiar with...?': a question, the verb after its auxiliary
    r"(?<!\bshould )(?<!\bwould )(?<!\bcould )(?<!\bcan )(?<!\bdo )(?<!\bwill )(?<!\bmust )(?<!\bshall )"
    r"(?<!\bwhat if )(?<!\bonce )(?<!\bwhen )"  # ('what if I get to mid level?': a supposition, asked)
    r"\bi (really |much |definitely |actually |also |would |do not |usually |mostly )*(prefer|preferred|like|liked|"
    r"love|loved|enjoy|enjoyed|hate|hated|dislike|disliked|rather|find|get|"
    r"am (more |not |really |very |pretty |quite |so |a bit )*(into|good|bad|comfortable|keen|"
    r"interested|happiest|happy|a|an|more))\b"
)
SIDE_INTENTS_WITH_ENTITIES = ("inform", "ask_other_role")


@dataclass(frozen=True)
class Said:
    """One stored answer: the option picked, the person's words for it, and how it was given."""

    option: str
    said: str
    how: str  # "button" | "text" | "description" | "skipped"


DESCRIBED_CHARS = 600  # what is kept of earlier self-descriptions (slots can hold anything)


@dataclass(frozen=True)
class State:
    answers: Dict[str, Said] = field(default_factory=dict)
    current: str | None = None  # the question on screen
    misses: int = 0  # misses in a row on `current`
    status: str = ASKING
    full: bool = False  # refine mode: ask every remaining question, no early stop
    skills: Tuple[str, ...] = ()  # skills and tools the person mentioned during the interview
    asides: int = 0  # side questions in a row while `current` waits: one reminder, then only a button
    notes: Tuple[str, ...] = ()  # said with the recommendation, in the same bubble ("Changed your answer: ...")
    described: str = ""  # what the person said about themself outside the interview (earlier_description)
    pointed: str | None = None  # the role the last message's 'what if' answer pointed to ('the pay for that?')

    def to_slot(self) -> Dict[str, Any]:
        return {
            "answers": {k: {"option": a.option, "said": a.said, "how": a.how} for k, a in self.answers.items()},
            "current": self.current,
            "misses": self.misses,
            "status": self.status,
            "full": self.full,
            "skills": list(self.skills),
            "asides": self.asides,
            "notes": list(self.notes),
            "described": self.described,
            "pointed": self.pointed,
        }

    @classmethod
    def from_slot(cls, kb: KnowledgeBase, value: Any) -> State:
        """The stored state, with anything malformed or unknown to the KB dropped (slots can hold anything)."""
        if not isinstance(value, Mapping):
            return cls()
        slots = {q.slot: q for q in kb.advisor.questions}
        answers: Dict[str, Said] = {}
        for key, raw in (value.get("answers") or {}).items():
            if key in slots and isinstance(raw, Mapping):
                option = raw.get("option")
                if option == SKIP or option in {o.key for o in slots[key].options}:
                    answers[key] = Said(str(option), str(raw.get("said") or ""), str(raw.get("how") or "text"))
        current = value.get("current") if value.get("current") in slots else None
        status = value.get("status") if value.get("status") in (ASKING, DONE, STOPPED) else ASKING
        misses = value.get("misses") if isinstance(value.get("misses"), int) else 0
        skills = tuple(str(s) for s in value.get("skills") or () if isinstance(s, str))
        asides = value.get("asides") if isinstance(value.get("asides"), int) else 0
        notes = tuple(str(n) for n in value.get("notes") or () if isinstance(n, str))
        misses = max(0, min(misses, MAX_MISSES))
        described = str(value.get("described") or "")[:DESCRIBED_CHARS]
        full = bool(value.get("full"))
        pointed = value.get("pointed") if value.get("pointed") in kb.roles else None
        return cls(answers, current, misses, status, full, skills, max(0, asides), notes, described, pointed)

    def option_keys(self) -> Dict[str, str]:
        """slot -> option key, skipped questions left out (what the scorer reads)."""
        return {k: a.option for k, a in self.answers.items() if a.option != SKIP}

    def unanswered(self, kb: KnowledgeBase) -> List[str]:
        return [q.slot for q in kb.advisor.questions if q.slot not in self.answers]


@dataclass(frozen=True)
class Message:
    text: str
    intent: str = ""
    entities: Tuple[Tuple[str, str], ...] = ()  # (entity, value)
    confidence: float = 0.0  # NLU's, for `intent`

    def entity(self, name: str) -> str | None:
        return next((v for e, v in self.entities if e == name), None)


@dataclass(frozen=True)
class Turn:
    """What one message did: the new state, notes to show before the question, and whether the message was a
    question about the roles to answer from the KB (the interview then shows the same question again)."""

    state: State
    notes: Tuple[str, ...] = ()
    side_question: bool = False
    filled: Tuple[str, ...] = ()  # questions answered by this message, in KB order
    lean: bool = False  # a self-description leans one way: say so before the question on screen
    switching: bool = False  # "can I move into AI from <job>?": say that it is realistic and what to add first
    supposed: str | None = None  # 'if I pick model development, what's the path?': the role the side question is about


# ---------- reading messages ----------


def role_words(kb: KnowledgeBase) -> List[str]:
    """Role names, ignored when reading answers ("am I an ML engineer?" says nothing about models)."""
    return [alias for role in kb.roles.values() for alias in (role.name, role.plural, *role.aliases)]


def read_description(kb: KnowledgeBase, text: str, only: Sequence[str] | None = None) -> Dict[str, Match]:
    """Every question a free-text self-description answers (strong evidence only: words about the subject)."""
    found: Dict[str, Match] = {}
    for question in kb.advisor.questions:
        if only is not None and question.slot not in only:
            continue
        match = match_answer(question, text, strong_only=True, blanks=role_words(kb))
        if match is not None:
            found[question.slot] = match
    return found


SKILL_CLAIM = re.compile(
    r"\b(i (already )?(know|use|used|have used|work with|worked with|can code|code in|program in|write|built|"
    r"have built)|experience (with|in)|experienced (with|in)|(cloud|python|sql|devops) experience|years of|"
    r"background in|familiar with|skilled in|proficient in|comfortable with|i am an?|i work as)\b"
)
SKILL_DENIAL = re.compile(r"\b(do not|never|not|no) (know|use|used|worked|experience|background|familiar)\b")


def claims_skills(text: str) -> bool:
    """True when a message says the person has skills ("I know Python", "lots of cloud experience")."""
    said = " ".join(t.raw for t in tokenize(text))
    return bool(SKILL_CLAIM.search(said)) and not SKILL_DENIAL.search(said)


def states_preference(message: Message) -> bool:
    """ "I like ...", "I'd rather ...", "I'm not into ...": about the person, never a new question."""
    return bool(PREFERENCE.search(" ".join(t.raw for t in tokenize(message.text))))


LEADING_FILLERS = {
    "honestly", "ok", "okay", "so", "and", "but", "well", "hmm", "hmmm", "also", "then", "oh", "btw", "sorry",
    "actually", "just", "curious",
}  # fmt: skip


def _opening_word(text: str) -> str:
    """The first word that says what kind of sentence this is, past fillers ("honestly which of the two...")."""
    words = [t.raw for t in tokenize(text) if t.raw not in ",.;:!"]
    while words and words[0] in LEADING_FILLERS:
        words = words[1:]
    return words[0] if words else ""


def is_side_question(message: Message) -> bool:
    """A real question asked mid-interview (ends with "?" or starts like one), not a statement of preference:
    whatever topic words a reply contains ("math is ok for me but not my passion"), it answers the question on
    screen. A question about the person ("do I need to love math?") is still a question; "which role fits me?"
    is the interview itself."""
    if states_preference(message):
        return False
    if message.intent == "ask_role_fit" and HOW_TO_CHOOSE.search(normalise_text(message.text)):
        return True  # 'how do I choose between the two later on?': what the choice turns on, asked aside
    if message.intent == "ask_role_fit":  # NLU's 'fit' for 'and which cloud should I learn?' asks no fit
        said = normalise_text(message.text)
        if FIT_REQUEST.search(said) or FIT_FOR_ME.search(said) or not message.text.strip().endswith("?"):
            return False
    if _opening_word(message.text) in QUESTION_START:
        return True  # "what's the difference...?", "tell me about salaries", "honestly which of the two pays more"
    said = normalise_text(message.text)
    if _WHO_DOES.search(said) and not _FIRST_PERSON.search(said) and not _PERSON_WHO.search(said):
        return True  # 'recommendation engine, who puts it in': which role does it, asked mid-sentence
    if _GO_BACK.search(said) and _PAY_TALK.search(said):
        return True  # 'cool. back to the money, same thing but senior': the pay asked again, no answer to the question
    if _REPORTED_QUESTION.search(said) or _WH_AT_THE_END.search(said) or _LEAD_THEN_WH.search(said):
        return True  # 'my son also asked what the ML side builds': a question passed on, no answer
    # "I know Docker and AWS. what do I need for ML engineering?": a real question after a statement
    asked = [p for p in re.split(r"(?<=[.!?;:—–-])\s+|,\s+", message.text.strip()) if p.strip().endswith("?")]
    return any(_opening_word(p) in QUESTION_START for p in asked)


# 'she also asked what an AI engineer builds', 'he wants to know how much they earn': a question passed on for
# someone else, asked in reported speech
_REPORTED_QUESTION = re.compile(
    r"\b(asked|asks|asking|wonders|wondered|wondering|wants to know|wanted to know|would like to know)"
    r"( me| us| you)?( about)? (what|how|which|who|whether|if|where|why|when)\b"
)


# 'in scenario 1 what does the ML engineer evaluate', 'for step 5, which tools are used': a short lead, then a
# question (no question mark needed)
_LEAD_THEN_WH = re.compile(
    r"^\W*(and |so |ok |okay )?(in|for|on|about|at|with|during|from|regarding|back to)\b[^?.!]{0,40}?"
    r"\b(what|which|who|how|where|why|when)\s+(does|do|is|are|did|was|were|should|would|can|could|will|tools?)\b"
)
# 'pandas is for what exactly', 'MLOps means what?': a question whose wh-word comes last
_WH_AT_THE_END = re.compile(
    r"\b(for|is|are|does|do|means?|used for|about|stands? for) (what|which|who|where|why)( exactly| again| then)?\W*$"
)


# 'how do I choose between the two?', 'how would one decide?': what the choice turns on (the article's answer), not
# a request to be placed
HOW_TO_CHOOSE = re.compile(
    r"\bhow (do|should|would|can|could|does|will|to|might)( i| you| one| people| someone)? (ever |even |then )?"
    r"(choose|pick|decide)\b"
)


def asks_about_the_roles(kb: KnowledgeBase, message: Message) -> bool:
    """A question about the roles, not the person ("ML engineer's data engineering rating in the summary
    table?"): it ends with "?", names a role and says nothing about the person, so its topic words answer
    nothing on screen."""
    said = normalise_text(message.text)
    # 'cloud services rating in the summary table for the ML engineer': a lookup in the article, "?" or not
    asked = message.text.strip().endswith("?") or bool(_ARTICLE_LOOKUP.search(said))
    if not asked or _FIRST_PERSON.search(said) or states_preference(message):
        return False
    return any(rx(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])").search(said) for w in role_words(kb))


# words that look something up in the article's tables and lists, not say something about the person
_ARTICLE_LOOKUP = re.compile(
    r"\b(summary|skills?|salary|comparison|responsibilit(y|ies)) table\b|\btable\b.{0,20}\b(say|says|give|gives|for)\b"
    r"|\b(ratings?|rated|rates)\b|\b(in|from|per|according to) the (article|post|guide|blog)\b"
)
# 'recommendation engine, who puts it in', 'the drift part who handles that': which role does a thing, asked
# mid-sentence without a question mark (a person answering the question on screen does not ask 'who')
_WHO_DOES = re.compile(r"\bwho(?:'s| is)?\s+(?:\w+ly\s+)?(\w+s|is|does|did|would|will|should|can)\b")
# 'a developer who ships APIs', 'someone who likes math': a person described, not a question
_PERSON_WHO = re.compile(
    r"\b(someone|somebody|person|people|one|kind|type|guy|girl|folks?|dev|student|grad|mom|dad|[\w-]+er|[\w-]+ist"
    r"|[\w-]+ant)\s+who\b"
)


_POINTER = re.compile(r"\b(it|its|that|those|these|them|there|this one|that one)\b")


def points_back(kb: KnowledgeBase, message: Message) -> bool:
    """A short question about the last answer ('tools for it?', 'and the salary for that one?'): it ends with "?",
    names a topic, points back and says nothing about the person, so it answers nothing on screen."""
    said = normalise_text(message.text)
    if not message.text.strip().endswith("?") or _FIRST_PERSON.search(said) or states_preference(message):
        return False
    return bool(_POINTER.search(said)) and bool(detect_topics(message.text, kb)) and len(said.split()) <= 8


_STAGE_WORDS = re.compile(r"\b(stages?|steps?|phases?|levels?)\b")


def asks_for_a_stage(kb: KnowledgeBase, message: Message) -> bool:
    """A short question for a learning stage, workflow step or pay level ('and the enterprise stage?', 'great —
    the last stage of my path?'): it ends with "?", names a stage or says 'stage', and states no preference, so
    the words it shares with an interview answer ('enterprise', 'great') answer nothing on screen."""
    text = message.text.strip()
    said = normalise_text(text)
    if not text.endswith("?") or len(said.split()) > 8 or states_preference(message):
        return False
    kinds = {e["entity"] for e in scan_entities(text, kb)}
    return bool(kinds & {"path_stage", "stage", "level"}) or bool(_STAGE_WORDS.search(said))


def asks_something_else(message: Message) -> bool:
    """A message that answers nothing but ends with "?" (or is a short 'and the senior pay') and reads as a
    question about the roles ("and the pay for that one?"): a side question too, checked only after reading it
    as an answer failed."""
    intent = message.intent or ""
    asks = (intent.startswith("ask_") and intent != "ask_role_fit") or intent in SIDE_INTENTS_WITH_ENTITIES
    text = message.text.strip()
    asked = text.endswith("?") or bool(_AND_THE.match(text) and len(text.split()) <= 6)  # 'and the senior pay'
    asked = asked or _opening_word(text) in QUESTION_START  # 'honestly which of the two pays more'
    # NLU sure of another question ('salery for entery lvl in that roel'), and the words answered nothing
    asked = asked or (message.confidence >= NLU_SURE and intent.startswith("ask_"))
    return asked and asks and not states_preference(message)


_AND_THE = re.compile(r"^(and|what about|how about) (the|its|their|that|a) \w+", re.I)


# 'did a kaggle comp with xgboost.', 'do mostly backend.': a terse statement about oneself, closed by a full stop
_SAID_DONE = ("did", "do", "does")


def is_question(text: str) -> bool:
    """Ends with "?" or starts like one ("what tools for deployment"), but not a statement ending with a full stop
    that opens on 'did' ('did a kaggle comp.')."""
    text = text.strip().lower()
    if text.endswith(".") and _opening_word(text) in _SAID_DONE:
        return False
    return text.endswith("?") or _opening_word(text) in QUESTION_START


def is_stop(message: Message) -> bool:
    if message.intent == "stop" and not is_neutral(message.text):
        return True
    said = " ".join(t.raw for t in tokenize(message.text))
    return len(said.split()) <= 8 and bool(STOP_PATTERN.search(said))


def is_restart(message: Message) -> bool:
    if message.entity("fit_answer") == "restart":
        return True
    said = " ".join(t.raw for t in tokenize(message.text))
    return len(said.split()) <= 8 and bool(RESTART_PATTERN.search(said))


# ---------- scoring: when is enough known ----------


def settled(kb: KnowledgeBase, answers: Mapping[str, str], open_slots: Sequence[str] | None = None) -> bool:
    """True when no way of answering (or skipping) the open questions changes the recommendation. Open: the
    given slots, else every question without an answer."""
    if open_slots is None:
        open_slots = [q.slot for q in kb.advisor.questions if q.slot not in answers]
    remaining = [q for q in kb.advisor.questions if q.slot in open_slots]
    if not remaining:
        return True
    outcome = recommend(kb, answers).role
    choices = [[None, *(o.key for o in q.options)] for q in remaining]
    for combo in product(*choices):
        filled = dict(answers)
        filled.update({q.slot: key for q, key in zip(remaining, combo, strict=True) if key is not None})
        if recommend(kb, filled).role != outcome:
            return False
    return True


# ---------- transitions ----------


def begin(
    kb: KnowledgeBase,
    message: Message,
    previous: State | None = None,
    skills: Sequence[str] = (),
    similar: Similarity | None = None,
    earlier: str = "",
) -> Turn:
    """Start (or restart, or refine) the interview from the message that asked for it; `earlier`: what the person
    said about themself before it (earlier_description), read when the request itself says nothing."""
    if message.entity("fit_answer") == "refine" and previous is not None and previous.answers:
        state = replace(previous, status=ASKING, full=True, misses=0, current=None)
        state = _next(kb, state)
        left = len(state.unanswered(kb))
        if state.status == DONE:
            return Turn(state, ("Every question is already answered; here is the recommendation again.",))
        return Turn(state, (f"Let's refine it: {left} more question{'s' if left != 1 else ''}.",))
    text = "" if message.entity("fit_answer") == "restart" else message.text
    answers = _described(kb, text)
    if not answers and text and earlier and (previous is None or not previous.answers):
        answers = _described(kb, earlier)  # 'so which role fits me better?' after 'I'm a DevOps engineer, ...'
    if answers and previous is not None and previous.status == DONE and previous.answers and _adds_to(message):
        return _refined(kb, previous, answers, skills)
    state = State(answers=answers, skills=tuple(skills))
    total = len(kb.advisor.questions)
    notes: List[str] = []
    if not answers:
        state = _next(kb, state)
        if _switching(text):  # "can I move into AI from nursing?": yes, and from where
            notes.append(_switch_note(kb) + " Which one is closer depends on what you enjoy.")
        elif _EASIER.search(normalise_text(text)):  # 'which role is easier to get into?': where both start
            notes.append(_same_start(kb))
        elif _HOW_TO_CHOOSE.search(text):  # 'so how do I choose?': the article's own criterion, then the questions
            notes.append(_criterion(kb))
        notes.append(
            f"Let's find the role that fits you: {total} quick questions. Answer in your own words or pick an "
            "option; ask me anything in between, say 'skip' to pass a question, 'start over' or 'stop'."
        )
        return Turn(state, tuple(notes))
    filled = tuple(s for s, _ in _ordered(kb, answers))
    if settled(kb, state.option_keys(), state.unanswered(kb)):
        return Turn(replace(state, status=DONE, current=None), (), filled=filled)  # nothing left can change it
    if recommend(kb, state.option_keys()).role is not None:
        # a lean at once (role, how sure, why, what would change it), then the question that could change it
        switching = _switching(text)
        current = decisive(kb, state)
        return Turn(replace(state, status=ASKING, current=current), (), filled=filled, lean=True, switching=switching)
    notes.append("From what you said:\n" + "\n".join(f"- {_label(kb, s, a)}" for s, a in _ordered(kb, answers)))
    notes.append(_undecided(kb, state))
    if _switching(text):  # "no coding yet ... is AI engineering realistic for me?": where both paths start
        notes.append(_switch_note(kb))
    state = _next(kb, state)
    left = len(state.unanswered(kb))
    notes.append(
        f"{left} more question{'s' if left != 1 else ''} to go (answer in your own words or pick an option; "
        "'skip' passes one, 'stop' ends it)."
    )
    return Turn(state, tuple(notes), filled=tuple(s for s, _ in _ordered(kb, answers)))


def _undecided(kb: KnowledgeBase, state: State) -> str:
    """No lean yet: both roles fit so far, and the answer to an open question that would tip it to each."""
    answers = state.option_keys()
    tips: List[str] = []
    for role in sorted(kb.roles):
        tip = next(
            (
                o.label
                for q in kb.advisor.questions
                if q.slot not in answers
                for o in q.options
                if not o.neutral and recommend(kb, {**answers, q.slot: o.key}).role == role
            ),
            None,
        )
        if tip:
            tips.append(f"{kb.roles[role].name} if {tip}")
    decides = f" The next questions decide it: {'; '.join(tips)}." if tips else ""
    torn = state.answers.get(kb.advisor.questions[0].slot)
    article = f" {kb.faq.which_better}" if torn is not None and torn.option == "both" else ""
    return f"So far that fits both roles about equally.{article}{decides}"


TENTATIVE = r"^(maybe|i guess|i think|perhaps|probably)\b.*\b(ml|ai|machine learning) (eng|engineer|engineering)\b"
FIT_REQUEST = re.compile(
    "|".join(
        [
            # 'which role', 'which AI-ish role', 'what kind of job', 'wich rol'
            r"\b(which|what|wich|wat|whch) ((kind|sort|type) of |[\w-]+-ish |ai |ml )?"
            r"(role|rol|one|1|job|path|career|track|position|direction|flavou?r)\b",
            # not 'which of the two lists is X on?': the article's lists, tables or scenarios, no role for the person
            r"\b(which|what) of (the|these) (two(?! (lists?|groups?|tables?|columns?|categories|sides?|scenarios?|"
            r"stages?|steps?|titles?)\b)|roles|jobs|paths)\b",
            # 'which of the 2 main roles is closer?', 'which one's nearest to what I do?'
            r"\b(which|what) of (the|these|those) (2|two)( main| big)? (roles|jobs|paths|ones|options)\b",
            r"\bwhich\b.{0,30}\b(closer|closest|nearer|nearest)\b",
            r"\b(fits?|suits?|suited|suitable|matches)\b(?!\s+(in|into)\b)",  # not 'where X fits in'
            # but 'where would that fit in?' after a job of one's own ('I'm a QA engineer...') asks where they fit
            r"\bwhere (would|does|do|could|might|will|can) (that|this|i|my [\w-]+|someone like me) (\w+ )?fits?\b",
            r"\b(right|better|best) for me\b|\bfor someone like me\b",
            # ('which steps would I be handling?' asks about the work, not which role)
            r"\b(should|shall|would|could|can|do) i (go|be(?!\s+\w+ing\b)|become|pick|choose|move|switch|transition|get"
            r"|pivot|aim)\b",
            r"\bam i (more|better|a|an)\b|\brealistic\b|\bwhere (do|should|can) i (start|begin)\b",
            r"(?<!either )(?<!each )(?<!every )(?<!any )\brole\s*\?\s*$",  # not '... for either role?'
            r"\b(move|moving|switch|switching|transition|transitioning|pivot|pivoting|career change|get into)\b"
            r".*\b(ai|ml|machine learning)\b",
            r"\b(break|breaking|getting) into\b|\baim for\b|"
            r"(?<!of )(?<!to )(?<!on )(?<!in )(?<!along )\bmy (fit|path)\b",
            r"\b(leans?|leaning|closer|points?|steers?|push(es)?|nudges?)( me| you)? (towards?|to)\b",
            # 'where does that leave me?', 'how does that map to AI roles?', 'which am i?', 'what's my title here?'
            r"\bwhere (does|would|do) (that|this|it|all (that|this)) (leave|put|take) me\b",
            r"\b(map|maps|mapping|translate|translates|transfer|transfers|carry|carries) (over )?(to|onto|into)\b"
            r".{0,25}\b(ai|ml|roles?|two|ones?|paths?)\b",
            r"\bwhich (am i|is me|one is me)\b|\bwhat am i\b",
            r"\bwhat('?s| is) my (best |likely )?(title|role|fit|match)\b",
            r"\bai (eng|engineer|engineering)\b.*\b(or|vs|versus)\b.*\bml (eng|engineer|engineering)\b",
            r"\bml (eng|engineer|engineering)\b.*\b(or|vs|versus)\b.*\bai (eng|engineer|engineering)\b",
            r"\b(ai|ml) or (ai|ml)\b",
            r"\b(can ?not|can't|cant|unable to) (decide|choose|pick)\b|\b(about|on|for) choosing\b"
            r"|\bhow (do|should|can|would) i (choose|decide|pick)\b",
            TENTATIVE,
        ]
    )
)
ABOUT_ONESELF = re.compile(
    r"\b(i|me|my|mine|myself|im)\b|\b(person|dev|developer|engineer|nerd|guy|student|analyst|here)\s+here\b"
    # no pronoun, the person still speaks of themself: 'stats masters grad, ...', '8 yrs in finance', '...; want
    # into AI', 'good at stats not at coding' (a clause opening on what one wants, knows, likes or has done)
    r"|^\W*((?!(ai|ml|machine|learning|mle|and|or|vs)\b)[\w+#/.-]+\s+){0,3}(dev|devs|developer|engineer|analyst|grad|graduate|student|teacher|consultant|manager"
    r"|scientist|admin|designer|accountant|researcher|major|specialist|architect|tester|ops)\b(?!\s*\?)"
    r"|\b\d+\s*(yrs?|years?)\b(?! (old|ago|from))"
    r"|(^|[.,;!(]\s*)(want|wanna|love|like|know|knows|took|did|studied|worked|work|been|tired|thinking|good at"
    r"|bad at|used|using)\b"
)
GAP_REQUEST = re.compile(
    r"\b(missing|lack|lacking|gaps?|what else|what do i need|need to learn|should i learn|to learn next|"
    r"learn next|next thing to learn|what would i need|what do i still need|what is left|what's left|brush up|"
    r"skil+s? (do|would|will|should) i (need|learn)|should i (study|work on|improve)|have to learn|"
    r"i (would |will )?still (need|lack|have to))\b"
)


_CLAUSES = re.compile(r"(?<=[.!?;])\s+|\s+[-–—]\s+|,\s*(?=(?:" + "|".join(sorted(QUESTION_START)) + r")\b)", re.I)


def statements(text: str) -> str:
    """The parts of a message that state something, without its questions: "devops engineer with Jenkins and
    Grafana, what would I need?" -> "devops engineer with Jenkins and Grafana"; "which cloud vendors should I
    learn?" -> "" (naming a skill in a question is not having it)."""
    return " ; ".join(p.strip() for p in _CLAUSES.split(text or "") if p and p.strip() and not is_question(p))


def asks_what_to_learn(message: Message) -> bool:
    """ "next thing to learn?", "what else do I need?": a question about what to learn, never an answer to the
    interview's question on screen."""
    return "?" in (message.text or "") and bool(GAP_REQUEST.search(normalise_text(message.text)))


def wants_a_skill_gap(message: Message, has_skills: bool) -> bool:
    """ "devops engineer with Jenkins and Grafana, what would I need to learn for ML engineering?": the skill gap,
    whatever NLU read it as, when the person says what they have (`has_skills`: in the message's `statements`)."""
    said = normalise_text(message.text or "")
    if message.text.startswith("/") or message.intent in ("ask_skill_gap", "ask_role_fit", "stop"):
        return False
    return has_skills and bool(GAP_REQUEST.search(said)) and bool(ABOUT_ONESELF.search(said))


def _switching(text: str) -> bool:
    """Someone moving into AI, or not coding yet: both paths start from the same first stage (programming)."""
    said = normalise_text(text)
    return bool(SWITCH.search(said) or NO_CODE.search(said))


# 'how do I choose?', 'how should I decide between them', 'how would I know which to pick'
_HOW_TO_CHOOSE = re.compile(
    r"\bhow (do|should|can|could|would|will|to|does one|do you) (i |we |one |you )?"
    r"(choose|decide|pick|select|know which|tell which|make (the|a|that) (choice|decision))\b",
    re.I,
)


def _criterion(kb: KnowledgeBase) -> str:
    """What the article says the choice between the roles depends on (its 'which is better?' answer's last
    sentence: 'The choice depends on whether you prefer ...')."""
    sentences = re.split(r"(?<=\.)\s+", kb.faq.which_better.strip())
    return next((s for s in sentences if "depend" in s.lower()), sentences[-1])


def _switch_note(kb: KnowledgeBase) -> str:
    first = kb.learning_paths[0]
    topics = ", ".join(first.ai_engineer)
    return f"Yes, people switch into both roles: both start from the same {first.name} stage ({topics})."


# 'which role is easier to get into?', 'which one is quicker to start?': the article ranks neither; both start alike
_EASIER = re.compile(
    r"\b(easier|easiest|harder|hardest|quicker|quickest|faster|fastest|simpler|simplest)\b.{0,20}"
    r"\b(get into|break into|enter|start|begin|learn|get started|transition|switch)\b"
)


def _same_start(kb: KnowledgeBase) -> str:
    first = kb.learning_paths[0]
    return (
        f"The article doesn't call either role easier to get into: both learning paths start from the same "
        f"{first.name} stage ({', '.join(first.ai_engineer)})."
    )


# 'no coding yet', 'I've never programmed', 'non-technical': the path's first stage comes first
NO_CODE = re.compile(
    r"\b(no|not|never|don'?t|do not|can'?t|cannot|zero|without|little)\b(\s+\w+){0,2}\s+"
    r"(coding|code|programming|programmed|programmer|coded)\b|\bnon-?(technical|programmer|coder)\b"
)
SWITCH = re.compile(
    r"\b(move|moving|switch|switching|transition|transitioning|pivot|pivoting|career change|get into|getting into|"
    r"break into|breaking into|(want|wants|wanting|wanna|hoping|looking|trying)( to (go|get|move))? into)\b"
    r".*\b(ai|ml|machine learning)\b|\brealistic\b"
)
FIT_FOR_ME = re.compile(
    r"\b(for me|suits? me|fits? me|me better|better for me|right for me|good for me|(is|am) me|am i|which one am i|"
    r"should i (be(?!\s+\w+ing\b)|pick|choose|go|do|take|become)|(could|would) i be(?!\s+\w+ing\b)|"
    # not 'the last stage of my path', 'back to my path, what comes next?', 'what's next on my path?': a place on it
    r"for someone like me|(?<!of )(?<!to )(?<!on )(?<!in )(?<!along )my (fit|path)|"
    r"(pick|choose|decide)( between)?( the)? (roles|two|ai|ml)|(help|helping) me (choose|pick|decide)|"
    r"(can|could|should) i (move|switch|transition|pivot|get into|go|break)|is (it|that|this) realistic|"
    r"(put|place|slot|see) me)\b|" + TENTATIVE
)


# The intents whose questions a self-description may be asking; NLU sure of another question (the learning path,
# pay, a job title) or sure it is off-topic with no word of AI in it ("should I become a lawyer or a doctor?")
# means the message asks that, not which of the two roles fits.
ADVICE_INTENTS = {"ask_role_fit", "ask_which_better", "ask_skill_gap", "inform", "affirm", "deny", ""}
ABOUT_AI = re.compile(r"\b(ai|ml|machine learning|artificial intelligence|data scien\w*|models?|llms?|engineer\w*)\b")


def asks_something_specific(message: Message) -> bool:
    """NLU is sure the message asks one of the article's other questions, or is sure it is off-topic and it says
    nothing about AI: then it is not a request for advice, whatever its words."""
    if message.confidence < NLU_SURE or message.intent in ADVICE_INTENTS:
        return False
    return message.intent != "out_of_scope" or not ABOUT_AI.search(normalise_text(message.text))


def _may_want_advice(message: Message, fit_asked: bool = False) -> bool:
    """Not a button payload, not already the interview, the skill gap or a stop, and not surely another question:
    a message that the two checks below may read as asking for advice. `fit_asked`: every question the message
    asks is which role fits, so NLU's other reading (tools for 'kafka + bigquery, does that lean me toward one
    role?', the skill gap for 'stats grad, R + python... what role') is a word of the description, not the ask."""
    if (message.text or "").startswith("/") or message.intent in ("stop", "ask_role_fit"):
        return False
    if message.intent == "ask_skill_gap" and not fit_asked:
        return False
    if message.intent == "out_of_scope" and message.confidence >= SURE_OFF_TOPIC and not _NEAR_AI.search(message.text):
        return False  # 'I'm an electrician: master licence or my own business?' asks about another career
    return fit_asked or not asks_something_specific(message)


# NLU's out_of_scope at this confidence, in a message with none of these words, is another career's question.
SURE_OFF_TOPIC = 0.75
_NEAR_AI = re.compile(
    r"\b(ai|a\.i\.|ml|machine[- ]learning|artificial intelligence|data|models?|deep learning|neural|llms?|chatbots?"
    r"|engineer\w*|tech\w*|software|develop\w*|cod(e|ing|er)|program\w*|python|cloud|math\w*|statistic\w*"
    r"|comput\w*|analytic\w*|automation|roles?)\b",
    re.I,
)


# 'what should I learn first regardless of which role I pick?': the clause sets the choice of role aside.
_REGARDLESS = re.compile(r"\b(regardless of|no matter|whichever|irrespective of)\b[^.?!,;]*")
# Topics a question about the fit itself names ('which role suits me?', 'which career path is right for me?').
_FIT_TOPICS = ("role_fit", "which_better", "role_comparison", "skill_gap", "careers", "learning_path")


def without_regardless(said: str) -> str:
    return _REGARDLESS.sub(" ", said)


def asks_fit(kb: KnowledgeBase, said: str) -> bool:
    """One question (normalised words) asks which role fits: FIT_REQUEST's words outside a 'regardless of which
    role' clause, and no other topic named unless it says 'for me' ('what job roles use AI every day?' asks the
    job titles, 'which one is more future-proof?' the FAQ, even from someone who described themself); in 'what
    role and what's next?' its first question does (the other is answered beside the lean)."""
    said = without_regardless(said)
    first = _AND_ASKS.split(said)[0]
    if first != said and _asks_fit(kb, first):
        return True
    return _asks_fit(kb, said)


def _asks_fit(kb: KnowledgeBase, said: str) -> bool:
    if not FIT_REQUEST.search(said):
        return False
    if FIT_FOR_ME.search(said):
        return True
    return not [t for t in detect_topics(said, kb) if t not in _FIT_TOPICS]


def wants_the_interview(kb: KnowledgeBase, message: Message) -> bool:
    """ "wich role is beter for me??": a request for the role-fit interview that NLU read as something else."""
    if not _may_want_advice(message):
        return False
    said = without_regardless(normalise_text(message.text))
    if _ASKS_PAY.search(said):
        return False  # "what's a realistic starting salary for me in Canada?": pay, not which role fits
    return bool(FIT_REQUEST.search(said) and FIT_FOR_ME.search(said)) and not GAP_REQUEST.search(said)


_ASKS_PAY = re.compile(
    r"\b(salar(y|ies)|pay|paid|earn\w*|wages?|compensation|income|pay ?bands?|brackets?)\b"
    # 'what's a realistic starting band?', 'the typical entry range?': the pay figures, said without a pay word
    r"|\b(starting|entry[- ]level|realistic|typical|junior) (bands?|ranges?|numbers?|figures?|package)\b",
    re.I,
)


# 'I want to be an ML engineer', 'to become an AI engineer': the person has picked one of the two roles
_GOAL_ROLE = re.compile(
    r"\b(be|become|becoming|aim(ing)? (for|at)|go(ing)? for|target(ing)?)\s+(an?\s+)?(ai|ml|mle|machine[- ]learning)\b"
)


# 'help?', 'thoughts?', 'any advice?': a question that asks for nothing but the advice the message leads up to
_PLEA = re.compile(
    r"^\W*(so\W+)?(help|help me|pls help|please help|thoughts|ideas|advice|suggestions|any (tips|advice|ideas|thoughts|"
    r"suggestions)|what do you (think|suggest|recommend)|what would you (do|suggest|recommend))\W*$"
)


def wants_a_lean(kb: KnowledgeBase, message: Message) -> bool:
    """A message (whatever NLU read) in which a person describes themself or their job and asks which role fits
    or whether they can move into AI, and which says enough to lean on. The skill gap answers "what am I
    missing" itself (with the role to aim for)."""
    text = message.text
    asked = [p for p in re.split(r"(?<=[.!?;])\s+", text.strip()) if is_question(p)]
    clauses = [p for p in _CLAUSES.split(text.strip()) if p and p.strip()]
    fit_asked = [p for p in clauses if is_question(p)]  # '..., does that point me to one of the roles?'
    fit_asked = bool(fit_asked) and len(fit_asked) < len(clauses)
    fit_asked = fit_asked and all(asks_fit(kb, normalise_text(p)) for p in clauses if is_question(p))
    # '... Dont know whether to go ML or AI engineer. help?': a bare plea after the choice said as a statement
    pleas = [p for p in clauses if is_question(p) and _PLEA.match(normalise_text(p))]
    stated = [p for p in clauses if not is_question(p) and asks_fit(kb, normalise_text(p))]
    fit_asked = fit_asked or bool(pleas and stated and len(pleas) == len([p for p in clauses if is_question(p)]))
    fit_asked = fit_asked and not _GOAL_ROLE.search(normalise_text(text))  # the role is chosen: what to learn for it
    if not _may_want_advice(message, fit_asked):
        return False
    said = without_regardless(normalise_text(text))
    if not FIT_REQUEST.search(said) or GAP_REQUEST.search(said):
        return False
    asked = [p for p in asked if not (stated and _PLEA.match(normalise_text(p)))]
    if asked and not any(asks_fit(kb, normalise_text(p)) for p in asked):
        return False  # "thinking of moving into AI. What would the pay be starting out?" asks about pay
    job = background(kb, text)
    if not (ABOUT_ONESELF.search(said) or job):
        return False  # "which role handles deployment?" asks about the roles, not about the person
    # a job the article places (a QA engineer: the testing step) is worth saying even when it leans neither way
    return bool(_described(kb, text)) or bool(job and ABOUT_ONESELF.search(said) and (job[0].steps or job[0].titles))


def asks_to_switch(kb: KnowledgeBase, message: Message) -> bool:
    """ "Marketing background, zero coding: is either realistic for me?", "project manager, no coding, could I
    become an AI engineer?": someone asking whether they can move into AI (or which role is easier to enter),
    whatever NLU read (the skill gap, the careers list): yes, and where both paths start, then the questions."""
    said = without_regardless(normalise_text(message.text or ""))
    if not ABOUT_ONESELF.search(said) or not (_switching(message.text) or _EASIER.search(said)):
        return False
    if not FIT_REQUEST.search(said) or GAP_REQUEST.search(said) or _ASKS_PAY.search(said):
        return False
    return _may_want_advice(message, fit_asked=message.intent == "ask_skill_gap")


# 'want to work on ML systems', 'I just want to train models': what the person wants to do in AI, said outright
_WANTS_AI_WORK = re.compile(
    r"\b(want|wanna|would like|'?d like|'?d love|would love|hoping|plan|goal is)\b( to)?( \w+){0,3} "
    r"(work on|work with|build|train|do|get into|move into|focus on|deploy|ship)\b.{0,30}"
    r"\b(ai|ml|machine learning|models?|llms?|chatbots?|systems?)\b"
)


def states_a_goal(kb: KnowledgeBase, message: Message) -> bool:
    """A self-description with no question that says what the person wants to do in AI ('sre, kubernetes,
    on-call. want to work on ML systems', 'k8s makes me cry, I just want to train models'): the lean it points
    to is the answer, whatever NLU read (a tool it names, working conditions)."""
    text = message.text or ""
    if "?" in text or text.startswith("/") or not _may_want_advice(message, fit_asked=True):
        return False
    if any(is_question(p) for p in _CLAUSES.split(text.strip()) if p and p.strip()):
        return False
    said = normalise_text(text)
    return bool(ABOUT_ONESELF.search(said) and _WANTS_AI_WORK.search(said) and _described(kb, text))


def earlier_description(kb: KnowledgeBase, texts: Sequence[str]) -> str:
    """What the person said about themself in earlier messages ('I'm a DevOps engineer, I know docker and k8s
    well. Which step ...?'): their statements (questions left out) that speak of them and answer an interview
    question or name a job, so a later bare 'which role fits me better?' leans on them instead of starting over."""
    kept: List[str] = []
    for text in texts:
        if not text or text.startswith("/"):
            continue
        said = statements(text)
        if not said or not ABOUT_ONESELF.search(normalise_text(said)):
            continue
        if read_description(kb, said) or background(kb, said) is not None:
            kept.append(said.rstrip(" .;"))
    return ". ".join(kept)


def decisive(kb: KnowledgeBase, state: State) -> str:
    """The open question whose answer could change the lean on its own (the first, in KB order), else the
    first open one."""
    answers = state.option_keys()
    outcome = recommend(kb, answers).role
    left = state.unanswered(kb)
    for question in kb.advisor.questions:
        if question.slot in left and any(
            recommend(kb, {**answers, question.slot: o.key}).role != outcome for o in question.options
        ):
            return question.slot
    return left[0]


def _adds_to(message: Message) -> bool:
    """A statement about oneself after a recommendation ("I like working with cloud stuff") adds to the earlier
    answers; a new request ("..., which path suits me?") starts afresh."""
    return states_preference(message) and "?" not in message.text


_ABOUT_ONESELF = re.compile(r"\b(i|me|my|mine|myself)\b")


def revise(kb: KnowledgeBase, previous: State | None, message: Message, skills: Sequence[str] = ()) -> Turn | None:
    """After a recommendation, a statement about oneself that the interview's questions cover ("actually numbers
    are my strong point", "statistics? love it") changes those answers and recommends again, whatever NLU read
    (the math FAQ, for one). None for anything else: a question is answered as a question ("what tools for
    deployment", "is math my thing?"), and a message naming nothing the interview asks about is not about it."""
    if previous is None or previous.status != DONE or not previous.answers or message.text.startswith("/"):
        return None
    if message.intent in ("ask_role_fit", "ask_skill_gap", "stop"):
        return None  # the interview's own start, the skill gap and stop have their own paths
    tokens = tokenize(message.text)
    asks = any(_opening_word(p) in QUESTION_START for p in _CLAUSES.split(message.text) if p)
    if not tokens or is_question(message.text) or asks:
        return None  # "in the predictive analytics scenario, what would I be doing" asks, whatever its opening
    if not (_ABOUT_ONESELF.search(" ".join(t.raw for t in tokens)) or sentiment(tokens)):
        return None
    answers = _described(kb, message.text)
    if not answers:
        return None
    return _on_top(kb, previous, answers, skills, "Updated your answers:")


def asked_parts(text: str) -> List[str]:
    """The sentences of a statement that are short questions ("and APIs?" in "and APIs? i dont like them")."""
    return [
        p.strip() for p in _SENTENCES.split((text or "").strip()) if p.strip().endswith("?") and len(p.split()) <= 6
    ]


_SLASHED = re.compile(r"(?<=[a-z0-9])/(?=[a-z0-9])", re.I)


def _described(kb: KnowledgeBase, text: str) -> Dict[str, Said]:
    """The answers a free-text self-description gives (read_description), as stored answers, and what the job it
    names says (advisor.backgrounds: a Java developer leans to systems) for the questions its words leave open."""
    found = {slot: Said(m.option, m.evidence, "description") for slot, m in read_description(kb, text).items()}
    split = _SLASHED.sub(" and ", text)  # 'a docker/k8s person', 'prometheus/grafana is my life': two words
    if split != text:
        for slot, m in read_description(kb, split).items():
            found.setdefault(slot, Said(m.option, text.strip(), "description"))  # quoted as they typed it
    wants: Dict[str, Said] = {}
    for slot, (said, wanted) in _sentence_by_sentence(kb, text).items():
        if wanted or slot not in found:  # what they want to do counts over what their job reads as
            found[slot] = said
        if wanted:
            wants[slot] = said
    job = background(kb, text)
    if job is None:
        return found
    work = kb.advisor.questions[0].slot  # systems or models: the direction itself
    if work in wants and job[0].answers.get(work) not in (None, wants[work].option):
        # moving away from the job's kind of work ('data scientist ... I want to get them into prod'): the job's
        # own words say little about what they will like there
        return {k: a for k, a in found.items() if k == work or job[1].lower() not in a.said.lower()}
    said = _as_typed(text, job[1])
    for slot, option in job[0].answers.items():
        found.setdefault(slot, Said(option, said, "background"))
    return found


def _sentence_by_sentence(kb: KnowledgeBase, text: str) -> Dict[str, Tuple[Said, bool]]:
    """What the sentences say one by one, for a slot the whole message reads otherwise or leaves open because two
    sentences pull different ways ('... as a frontend dev. I want to build the engine itself - the models.'): the
    later sentence wins, and whether it says what the person wants (which then counts over their job)."""
    parts = [p for p in _SENTENCES.split(text or "") if p.strip()]
    found: Dict[str, Tuple[Said, bool]] = {}
    if len(parts) < 2:
        return found
    plain: Dict[str, List[Said]] = {}
    for part in parts:
        said = normalise_text(part)
        wanted = bool(_WANTS.search(said) or (is_question(part) and _TOWARDS.search(said)))
        for slot, m in read_description(kb, part).items():
            if wanted:
                found[slot] = (Said(m.option, m.evidence, "description"), True)
            else:
                plain.setdefault(slot, []).append(Said(m.option, m.evidence, "description"))
    for slot, saids in plain.items():  # plain sentences that disagree settle nothing
        if slot not in found and len({s.option for s in saids}) == 1:
            found[slot] = (saids[-1], False)
    return found


# a fit question naming where the person wants to go ('which role moves me closer to production work?')
_TOWARDS = re.compile(r"\b(closer|nearer) to\b|\b(moves?|gets?|takes?|brings?|leads?) me (in)?to(wards?)?\b")
# a sentence saying what the person wants to do next ('I want to build the models', 'I'd love to ...')
_WANTS = re.compile(
    r"\b(i (really |much |also )*(want|would like|would love|d like|d love|would rather|d rather|love|enjoy|like"
    r"|prefer)|i wish|i hope|i am hoping|my goal|i plan)\b"
)


def _as_typed(text: str, word: str) -> str:
    found = rx(rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.I).search(text)
    return found.group(0) if found else word


def described_answers(kb: KnowledgeBase, text: str) -> Dict[str, Said]:
    """What a self-description answers (the interview's questions, and the job it names)."""
    return _described(kb, text)


def _on_top(
    kb: KnowledgeBase, previous: State, answers: Mapping[str, Said], skills: Sequence[str], heading: str
) -> Turn:
    """The earlier answers with these on top (and the skills merged), and a note under `heading` listing them."""
    changed = [s for s in answers if s in previous.answers and previous.answers[s].option != answers[s].option]
    merged = {**_retract(previous.answers, changed), **answers}
    state = replace(previous, answers=merged, skills=_merge(previous.skills, skills), current=None, misses=0)
    said = [(s, merged[s]) for s in _slots(kb) if s in answers]
    note = heading + "\n" + "\n".join(f"- {_label(kb, s, a)}" for s, a in said)
    return Turn(state, (note,), filled=tuple(s for s, _ in said))


def _refined(kb: KnowledgeBase, previous: State, answers: Mapping[str, Said], skills: Sequence[str]) -> Turn:
    """The earlier answers with what was just said on top; recommend again, or ask what is still open."""
    added = _on_top(kb, previous, answers, skills, "Added to your earlier answers:")
    notes = list(added.notes)
    state = _next(kb, replace(added.state, status=ASKING))
    if state.status == ASKING:
        left = len(state.unanswered(kb))
        notes.append(f"{left} more question{'s' if left != 1 else ''} to go.")
    return Turn(state, tuple(notes), filled=added.filled)


def advance(
    kb: KnowledgeBase,
    state: State,
    message: Message,
    skills: Sequence[str] = (),
    similar: Similarity | None = None,
) -> Turn:
    """One message while a question is on screen."""
    if state.status != ASKING or state.current is None:
        state = _next(kb, replace(state, status=ASKING))
        if state.status != ASKING:
            return Turn(state)
    state = replace(state, skills=_merge(state.skills, skills), pointed=None)
    current = question_for(kb, state.current)
    button = message.entity("fit_answer")

    if button is None and is_neutral(message.text) and not is_restart(message) and not asks_what_to_learn(message):
        return _store(kb, state, {state.current: _neutral(current, message.text, "text")})
    if is_stop(message):
        return Turn(replace(state, status=STOPPED, current=None, misses=0))
    if is_restart(message):
        fresh = _next(kb, State(skills=state.skills))
        return Turn(fresh, ("Starting over.",))
    if button is not None:
        return _button(kb, replace(state, asides=0), message, button)
    supposed = supposed_role(kb, state, message)
    if supposed is not None:  # 'if I pick model development, what's the path?': that role's path, nothing stored
        return Turn(replace(state, asides=state.asides + 1), side_question=True, supposed=supposed)
    what_if = _what_if(kb, state, message)
    if what_if is not None:  # the role it points to is what 'the pay for that?' next asks about
        return Turn(replace(state, pointed=_what_if_role(kb, state, message)), (what_if,))
    # ('designing the product and the APIs around it' answers the question on screen, pointer and topic words alike)
    if (
        follows_the_thread(kb, message)
        and match_answer(current, message.text, strong_only=True, blanks=role_words(kb)) is None
    ):
        return Turn(replace(state, asides=state.asides + 1), side_question=True)
    if (
        is_side_question(message)
        or asks_about_the_roles(kb, message)
        or points_back(kb, message)
        or corrects_aside(kb, state, message)
    ):
        return Turn(replace(state, asides=state.asides + 1), side_question=True)
    if asks_for_a_stage(kb, message) or asks_what_to_learn(message):
        return Turn(replace(state, asides=state.asides + 1), side_question=True)
    asides, state = state.asides, replace(state, asides=0)

    match = match_answer(current, message.text, blanks=role_words(kb), similar=similar)
    correcting = bool(CORRECTION_PATTERN.search(message.text.lower()))
    others = read_description(kb, message.text, only=[s for s in _slots(kb) if s != state.current])
    if match is not None and match.strength == MOOD_ONLY and others:
        match = None  # "I hate deploying stuff" on the math question: the mood is about deploying
    if match is not None and _asks_a_topic(kb, message):
        match = None  # "great — the last stage of my path?": a question; its 'great' answers nothing on screen
    if match is None and _asks_after_saying(kb, message):
        return Turn(replace(state, asides=asides + 1), side_question=True)
    extra = {
        s: m
        for s, m in others.items()
        if s not in state.answers or (correcting and state.answers[s].option != m.option)
    }  # a message that says again what an earlier answer said changes nothing
    updates = {s: Said(m.option, m.evidence, "text") for s, m in extra.items()}
    if match is not None:
        updates[state.current] = Said(match.option, match.evidence, "text")
    if updates:
        changed = [s for s in updates if s in state.answers and state.answers[s].option != updates[s].option]
        state = replace(state, answers=_retract(state.answers, changed))
        turn = _store(kb, state, updates, keep_current=match is None)
        notes = [f"Changed your answer: {_label(kb, s, updates[s])}." for s in changed if s != state.current]
        if match is None or len(updates) > 1:
            notes += [f"Noted: {_label(kb, s, updates[s])}." for s in _slots(kb) if s in updates and s not in changed]
        if match is None and turn.state.status == ASKING and turn.state.current == state.current:
            turn = _miss(kb, turn.state)  # it answered something else: the question on screen is still open
        # 'ok so if i prefer building systems which one should i pick': an answer that also asks where it leads
        asks_which = bool(FIT_REQUEST.search(normalise_text(message.text)))
        if turn.state.status == ASKING and (extra or "?" in message.text or asks_which):
            if match is not None and len(updates) == 1:  # "I enjoyed my stats course. Does that change anything?"
                notes.append(f"Noted: {_label(kb, state.current, updates[state.current])}.")
            notes.append(_lean_now(kb, turn.state))  # "still the same answer?", "does that change anything?"
        return replace(turn, notes=tuple(notes) + turn.notes)
    if asks_something_else(message) or asks_in_passing(kb, message):
        return Turn(replace(state, asides=asides + 1), side_question=True)
    return _miss(kb, state)


def _asks_after_saying(kb: KnowledgeBase, message: Message) -> bool:
    """Nothing on screen answered, and after what the person likes comes a real question that is no fit request
    ('used to be a QA tester, I like catching bugs. where would testing models fit in these jobs?'): that question
    is asked in between, not a miss on the question on screen."""
    parts = [p for p in re.split(r"(?<=[.!?;])\s+", (message.text or "").strip()) if p.strip().endswith("?")]
    asked = [p for p in parts if _opening_word(p) in QUESTION_START]
    # ('which of the two uses my skills more?' asks where the person fits: their words are the answer)
    return bool(asked) and not any(
        asks_fit(kb, normalise_text(p)) or _FIRST_PERSON.search(normalise_text(p)) for p in asked
    )


# 'next person: ...', 'mom of 3, former chemistry teacher, ...', 'stay-at-home dad, used to be a QA tester': words
# that introduce a person (a new client, a relative, a past job) rather than answer the question on screen
_INTRODUCES = re.compile(
    r"^\W*(next|new|another|other|my next)\s+(person|one up|client|student|candidate|case|friend)\b"
    r"|\b(former|retired|ex-)\s*[\w-]+|\bused to be\b|\bstay[- ]at[- ]home\b|\bgoing back to work\b"
    r"|\b(mom|mum|mother|dad|father|parent|grandma|grandpa|grandmother|grandfather) of\b"
    r"|\b(i|he|she|they) (work|works|worked) as\b|\b(i'?m|i am|he'?s|she'?s) (an?|the) [\w-]+ "
    r"(dev|developer|engineer|analyst|teacher|tester|admin|manager|consultant|designer|scientist|nurse|accountant)\b"
)


def introduces_someone(kb: KnowledgeBase, state: State, message: Message) -> bool:
    """Mid-interview, a message that introduces a person (a job, a past job, a new client) and asks which role
    fits, without answering the question on screen ('backend java developer, lots of microservices. which one
    suits me?'): a new description, read afresh, not a miss on the question on screen."""
    if state.status != ASKING or state.current is None or message.entity("fit_answer") is not None:
        return False
    plain = replace(message, intent="") if message.intent == "ask_role_fit" else message  # NLU's 'fit' is the ask
    if not (wants_a_lean(kb, plain) or wants_the_interview(kb, plain)):
        return False
    said = normalise_text(message.text)
    if background(kb, message.text) is None and not _INTRODUCES.search(said):
        return False
    current = question_for(kb, state.current)
    return match_answer(current, message.text, strong_only=True, blanks=role_words(kb)) is None


def asks_of_the_advised_role(kb: KnowledgeBase, said: str) -> bool:
    """'senior pay for the role you recommended', 'tools for the path you suggested': one of the article's topics
    (other than which role fits) asked of the advised role, said without a question word."""
    return bool(_THAT_ROLE.search(said) and [t for t in detect_topics(said, kb) if t not in _FIT_TOPICS])


def _asks_a_topic(kb: KnowledgeBase, message: Message) -> bool:
    """A question ("...?") whose words name one of the article's topics or things (a stage, a step, a level)."""
    text = message.text.strip()
    if not text.endswith("?") and asks_of_the_advised_role(kb, normalise_text(text)):
        return True  # 'senior pay for the role you recommended': a question without its question mark
    if not text.endswith("?") or states_preference(message):
        return False  # "I also like Kubernetes. Still the same?" answers, and asks only about the lean
    asked = re.split(r"(?<=[.!?;:\u2014\u2013-])\s+", text)[-1]
    return bool(detect_topics(asked, kb) or [e for e in scan_entities(asked, kb) if e["entity"] != "role"])


def corrects_aside(kb: KnowledgeBase, state: State, message: Message) -> bool:
    """ "sorry, I meant what programming languages, not math" just after a question asked in between: that question
    again, corrected, not an answer to the one on screen (whose words, 'not math', it may well contain)."""
    if not state.asides or not is_correction(message.text) or states_preference(message):
        return False
    return bool(detect_topics(message.text, kb) or scan_entities(message.text, kb))


# The person asking where they should begin ('where do I start?', 'what should I learn first?'); `START_QUESTION`
# also takes the noun phrases ('first steps', 'starting point'), which can be about the workflow's first step.
_OWN_START = (
    r"\bwhere (do|would|should|can|could|shall) i (even |actually )?(start|begin)\b"
    r"|\b(how|what) (do|should|would|can) i (even )?(start|begin)\b|\b(learn|study|pick up) first\b"
)
START_QUESTION = re.compile(_OWN_START + r"|\bfirst steps?\b|\bstart(ing)? (point|from scratch)\b")


def asks_where_to_start(text: str) -> bool:
    """ "No idea which one to pick yet. What should I learn first?": where to begin, whatever NLU read (its answer
    is the learning path, whose first stage both roles share)."""
    said = normalise_text(text)
    goal = _BECOME.search(said)
    if goal and not _OWN_WORLD.search(goal.group(1)):
        return False  # 'I want to be a chef, where do I start?': another career, not these two
    return not text.startswith("/") and bool(_START_ASKED.search(said))


# 'I want to be/become a X': the career the person aims at, and words that keep it in the article's world
_BECOME = re.compile(r"\b(?:be|become|becoming) an? ([a-z][\w /-]{1,40})")
_OWN_WORLD = re.compile(
    r"\b(ai|ml|machine learning|engineer\w*|data|mlops|nlp|developer|architect|scientist|consultant|specialist)\b"
)

_START_ASKED = re.compile(_OWN_START)  # not the noun phrases: 'the first step of the workflow' asks the workflow


PAY_QUESTION = re.compile(
    r"\b(what|how much) (would|will|could|can|do|might|should) i (make|earn|get paid|be paid|take home)\b"
)
ASIDE_ANSWERS = ("answer", "ask")


def asks_aside(kb: KnowledgeBase, message: Message) -> bool:
    """A question that NLU took for the interview's start but that asks something else and no role-fit request
    ("what would I earn as a data analyst in comparison?", "am I too old to become an ML engineer?", "which one is
    less stressful?"): answered as that question, the interview not (re)started. A preference stated with it makes
    it a request for advice."""
    if (message.text or "").startswith("/") or message.entity("fit_answer") is not None:
        return False
    text = spelling.correct(message.text, kb)
    whole = normalise_text(text)
    said = without_regardless(whole)
    # a preference stated next to 'regardless of which role' is background, not a request to pick one
    preference = states_preference(message) and not _REGARDLESS.search(whole)
    fit = FIT_REQUEST.search(said) or FIT_FOR_ME.search(said) or preference
    # 'which role focuses more on libraries like that?': which of the roles does something, nothing about the person
    about_roles = bool(ROLE_DOES.search(said)) and not _FIRST_PERSON.search(said) and not FIT_FOR_ME.search(said)
    # "who's more into that step, ai or ml?": which role takes the thing just talked about
    on_thread = bool(_THREAD_THING.search(said)) and not FIT_FOR_ME.search(said)
    about_roles = about_roles or on_thread
    # 'I'm an SRE. ... Which AI-ish role would reuse that the most?': a job of one's own, then which role
    fit = fit or (bool(_WHICH_ROLE.search(said)) and background(kb, text) is not None)
    # 'which one is less stressful?', 'which is easier for beginners?': a fact the article lacks, no request for advice
    # 'does the article give a quiz to help me decide?': what the article holds, even with 'me' in it
    personal = (_FIRST_PERSON.search(said) or FIT_FOR_ME.search(said)) and not _ASKS_ARTICLE.search(said)
    lacking = not personal and missing_fact(kb, text) is not None
    levels = message.entity("level") or any(e["entity"] == "level" for e in scan_entities(text, kb))
    if levels and _GO_BACK.search(said) and not fit:
        return True  # 'go back to entry level for that role': the pay at that level again, no interview
    asked = is_question(text) or follows_the_thread(kb, message)  # 'go back to entry level for that role'
    asked = asked or (on_thread and bool(_WH_WORD.search(said)))  # "whos more into that step" (no '?')
    # 'senior pay for the role you recommended': a topic asked of the advised role, said without a question word
    asked = asked or asks_of_the_advised_role(kb, said)
    # 'aiming at ML engineer, what's a realistic starting band?': the role is chosen, its pay is what is asked
    chosen_pay = bool(_GOAL_ROLE.search(said)) and bool(_ASKS_PAY.search(said))
    return asked and (not fit or bool(_AGE.search(said)) or about_roles or lacking or chosen_pay)


# 'does the article include...', 'is there a ... in the post': a question about what the article holds
_ASKS_ARTICLE = re.compile(
    r"\b(does|did|do|is there|are there)\b.{0,20}\b(article|post|piece|guide|page|blog|author)\b.{0,25}"
    r"\b(give|gives|have|has|include|includes|offer|offers|provide|provides|contain|contains|come with|link)\b"
    r"|\b(is|are) there\b.{0,30}\b(in|on|from) (the|this|that) (article|post|piece|guide|page|blog)\b"
)
_PAY_TALK = re.compile(r"\b(money|pay|paid|salary|salaries|earnings?|wages?|entry|junior|mid|senior)\b")
_GO_BACK = re.compile(r"\b(go(ing)? back|back to|return(ing)? to|again)\b")


_WH_WORD = re.compile(r"\b(who|whose|who's|which|what)\b")
# 'that step', 'those tools', 'this scenario': a thing the conversation just talked about
_THREAD_THING = re.compile(
    r"\b(that|this|those|these|the same)\s+(steps?|stages?|phases?|tools?|scenarios?|use cases?|challenges?"
    r"|practices?|platforms?|groups?|rows?|tasks?|duties)\b"
)


_WHICH_ROLE = re.compile(r"\b(which|what)\b[\w\s-]{0,15}?\b(role|path|career)\b")


ROLE_DOES = re.compile(
    r"\b(which|what) (role|one|job|of (them|the two|the roles|both))\b\s+(\w+ )?"
    r"(focus(es)?|handles|uses|owns|does|leads|needs|requires|works|"
    # 'which of the two starts higher?', 'which one makes more?': its pay ('which role makes more sense?' is a fit)
    r"earns|pays|makes(?!\s+(more\s+|most\s+|the\s+most\s+|much\s+)?sense)|starts|begins|peaks|tops|climbs|"
    r"rates|spends|deals|manages|builds|trains|deploys|relies|cares|involves|is "
    r"(more|most) (about|into|on|focused|involved))\b"
)


_AGE = re.compile(r"\b(too old|too late|at my age|my age)\b")  # "am I too old to become an ML engineer?"


def aside_intents(kb: KnowledgeBase, message: Mapping[str, Any], topic: str | None) -> List[str | None]:
    """The readings to try, in order, for a question asked mid-interview (None: NLU's own): "where would I even
    start?" is the learning path and "what should I learn next?" the skill gap (for the role leaned to), unless
    NLU is sure of another question; then NLU; then what the words name (triage) and NLU's other guesses, never
    the interview itself."""
    text = str(message.get("text") or "")
    said = normalise_text(spelling.correct(text, kb))
    nlu = message.get("intent") or {}
    topic_guess = str(nlu.get("name") or "").startswith("ask_") and nlu.get("name") != "ask_role_fit"
    confidence = float(nlu.get("confidence") or 0.0)
    first: List[str | None] = [None] if topic_guess and confidence >= NLU_SURE else []
    if PAY_QUESTION.search(said):
        first.append("ask_salary")
    if HOW_TO_CHOOSE.search(said):
        first.append("ask_which_better")
    # 'what should I learn for it?' (the role leaned to): the gap, even when NLU reads the learning path or skills
    own_gap = GAP_REQUEST.search(said) and _FIRST_PERSON.search(said) and nlu.get("name") in _GAP_NEIGHBOURS
    if own_gap and not START_QUESTION.search(said) and not _ON_THE_PATH.search(said):
        first.insert(0, "ask_skill_gap")
    if not (topic_guess and confidence >= ASIDE_TOPIC_GUESS):  # "which frameworks should I learn?": the tools
        if START_QUESTION.search(said):
            first.append("ask_learning_path")
        if GAP_REQUEST.search(said):
            first.append("ask_skill_gap")
    ranking = [r for r in message.get("intent_ranking") or [] if r.get("name") != "ask_role_fit"]
    decision = triage(kb, ranking, text, "nlu_fallback", topic)
    guesses = list(decision.intents) if decision.kind in ASIDE_ANSWERS else []
    guesses += [
        str(r.get("name"))
        for r in ranking
        if str(r.get("name") or "").startswith("ask_") and float(r.get("confidence") or 0.0) >= ASIDE_GUESS
    ]
    own = [] if nlu.get("name") == "ask_role_fit" else [None]  # the interview itself is no reading of an aside
    return list(dict.fromkeys([*first, *own, *guesses]))


_ON_THE_PATH = re.compile(r"\b(path|roadmap|stages?|phases?)\b")  # 'what would I learn next on that path?': the path
_GAP_NEIGHBOURS = (
    "ask_learning_path",
    "ask_skills",
    "ask_skill_comparison",
    "ask_skill_gap",
    "ask_role_fit",
)  # NLU's near misses for a gap
ASIDE_TOPIC_GUESS = 0.3  # NLU this sure of a topic ("which frameworks should I learn?" as tools) goes first
ASIDE_GUESS = 0.05  # an NLU guess this likely is tried for a question mid-interview that nothing else read


_FIT_WORDS = re.compile(r"\b(role|roles|one|path|paths|career|job|fits?|suits?|ai|ml|engineer\w*|better|realistic)\b")
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_AND_ASKS = re.compile(r",?\s+and\s+(?=(?:" + "|".join(sorted(QUESTION_START)) + r")\b)", re.I)


def attached_questions(kb: KnowledgeBase, text: str) -> List[Tuple[str, str]]:
    """The other questions a self-description asks beside which role fits ("..., which role makes more sense and
    what tools should I pick up?" -> ("what tools should I pick up?", "ask_tools")): each question part that is no
    fit request, with the topic its words name (triage), so the lean comes with their answers."""
    found: List[Tuple[str, str]] = []
    for sentence in _SENTENCES.split((text or "").strip()):
        if not is_question(sentence):
            continue
        for part in _AND_ASKS.split(sentence):
            said = normalise_text(spelling.correct(part, kb))
            if is_question(part) and _FROM_THE_LIST.search(said):
                found.append((part.strip(), "ask_careers"))  # 'which career from the list matches me?': the list too
                continue
            asks_roles = bool(ROLE_DOES.search(said)) and not _FIRST_PERSON.search(said)  # 'which rates X higher?'
            if not is_question(part) or (
                _FIT_WORDS.search(said) and (FIT_REQUEST.search(said) or FIT_FOR_ME.search(said)) and not asks_roles
            ):
                continue  # "which role makes more sense" is the lean itself; "what tools should I pick up?" is not
            named = next((i for pattern, i in _ASKED if pattern.search(said)), "")
            if named == "ask_salary_factors" and not any(i == "ask_both_roles" for _, i in found):
                named = ""  # pay on its own is the pay answer; "does it pay more?" after "a role doing both" is not
            decision = triage(kb, [], part, "nlu_fallback", None)
            intent = named or (decision.intents[0] if decision.kind == "answer" else "")
            if intent.startswith("ask_") and intent != "ask_role_fit":
                found.append((part.strip(), intent))
    return found


# 'which career from the list', 'which of the job titles': the article's list of careers, beside the lean
_FROM_THE_LIST = re.compile(
    r"\b(careers?|job titles?|titles)\b.{0,25}\b(list|listed|named|mentioned|article)\b"
    r"|\bfrom (the|that|this|your) list\b"
)


# What a self-description's attached question asks when its words name no topic: "is there a role that does
# both" (one person doing both), "does it pay more" after it (the article: pay rises for those who manage both),
# "where could I contribute in an AI project" (the workflow steps of the role leaned to).
_ASKED = (
    (re.compile(r"\b(do|does|doing|handle|handles|handling|cover|covers|combine|combines) both\b|\bboth roles\b"),
     "ask_both_roles"),
    (re.compile(r"\b(pay|pays|paid|earn|earns|salary|salaries)\b"), "ask_salary_factors"),
    (re.compile(r"\bwhere (could|can|would|do|might) i (contribute|help|fit in|come in|plug in)\b"), "ask_workflow"),
)  # fmt: skip


def asks_in_passing(kb: KnowledgeBase, message: Message) -> bool:
    """A message that answered nothing on screen but asks something else: a question whatever NLU read ("what
    would a senior person in the role you suggested make?", typos mended: "wat shud i lern nxt"), or a follow-up
    naming a topic, a role or a level ("same level but ML engineer", "and mid"); never a request for the interview
    itself ("which role fits me?") nor a statement of preference."""
    if states_preference(message) or (message.text or "").startswith("/"):
        return False
    text = spelling.correct(message.text, kb)
    said = normalise_text(text)
    if FIT_REQUEST.search(said) and FIT_FOR_ME.search(said):
        return False
    if is_question(text) or detect_topics(text, kb):
        return True
    return any(e["entity"] in ASIDE_ENTITIES for e in scan_entities(text, kb))


ASIDE_ENTITIES = ("role", "level", "path_stage", "stage")  # 'same level but ML engineer', 'and mid'


def _button(kb: KnowledgeBase, state: State, message: Message, option: str) -> Turn:
    """A button names its question; the answer is stored against that question, the one the person saw."""
    slot = message.entity("fit_question") or state.current
    if slot not in _slots(kb):
        slot = state.current
    question = question_for(kb, slot)
    if option == SKIP:
        return _store(kb, state, {slot: Said(SKIP, "skipped", "skipped")}, keep_current=slot != state.current)
    picked = next((o for o in question.options if o.key == option), None)
    if picked is None:  # a crafted or outdated payload: not the person's fault, show the question again
        return Turn(state)
    said = Said(picked.key, picked.title, "button")
    if slot != state.current and state.answers.get(slot) == said:
        return Turn(state)  # an earlier question's button clicked again: nothing changes
    if slot != state.current:
        turn = _store(kb, state, {slot: said}, keep_current=True)
        return replace(turn, notes=(f"Changed your answer: {_label(kb, slot, said)}.", *turn.notes))
    return _store(kb, state, {slot: said})


def _retract(answers: Mapping[str, Said], changed: Sequence[str]) -> Dict[str, Said]:
    """The answers with the words of changed answers no longer quoted anywhere: a message that also answered
    another question keeps that answer, but its retracted words are not cited for it."""
    gone = {answers[s].said for s in changed if s in answers and answers[s].how in ("text", "description")}
    return {k: (replace(a, said="") if a.said in gone and k not in changed else a) for k, a in answers.items()}


# 'ok, back to the money', 'and the enterprise stage for that path', 'same thing but senior', 'and after that': a
# follow-up on the last answer, whose words ('enterprise', 'cool') answer nothing on screen
_ACKNOWLEDGED = re.compile(r"^\W*((ok|okay|cool|great|nice|thanks|thank you|right|alright|sure|got it|perfect)\W+)+")
_FOLLOW_UP = re.compile(
    r"^(and|what about|how about) (the|its|their|that|this|those|these) \w+|^(back|going back|go back|coming back) to\b"
    r"|^(and )?(the )?same (thing|question|one|level|stage|step|for)\b"
    r"|^(and|what about) (after|before) (that|it|this)\b"
    r"|^(and )?(then )?(the )?(next|previous) (one|stage|step|level)\b"
)


_BARE_AND = re.compile(r"^(?:and|what about|how about) ([\w/&' -]+?)\W*$")


def follows_the_thread(kb: KnowledgeBase, message: Message) -> bool:
    """A follow-up on the last answer asked mid-interview without a question mark ('ok back to the money, same
    thing but senior', 'and the enterprise stage for that path', 'and after that'): a side question, not an answer
    its stray words ('cool', 'enterprise') would give. A reply with feeling in it ('and the data side? love it')
    still answers."""
    if states_preference(message) or (message.text or "").startswith("/"):
        return False
    said = _ACKNOWLEDGED.sub("", normalise_text(message.text)).strip()
    if not said or sentiment(tokenize(said)) != 0 or is_neutral(said) or _FIRST_PERSON.search(said):
        return False
    if _FOLLOW_UP.search(said):
        return True
    # 'and data handling' after two rows of a table: the next row, said as bare as the one before
    bare = _BARE_AND.match(said)
    if bare and len(bare.group(1).split()) <= 3 and [e for e in scan_entities(said, kb) if e["entity"] != "role"]:
        return True
    # 'ok entry pay for that closer role': a short pointer at the last answer or the lean, naming a topic
    short = len(said.split()) <= 8 and bool(_POINTER.search(said))
    return short and bool(detect_topics(said, kb) or [e for e in scan_entities(said, kb) if e["entity"] != "role"])


_PATH_WORD = re.compile(r"\b(path|roadmap|route)\b")
_PICKS = re.compile(r"\b(if|suppose|say|assuming) i (pick|choose|go (for|with)|take|went (for|with)|picked|chose)\b")


def supposed_role(kb: KnowledgeBase, state: State, message: Message) -> str | None:
    """ "If I pick model development, what's the path?": a question about a topic (the path, pay, tools) for the
    role a supposed answer points to; None when the message is no such question (a 'what if' about the lean
    itself is answered by _what_if)."""
    said = normalise_text(message.text)
    if "?" not in message.text or not (_PICKS.search(said) or WHAT_IF.search(said)):
        return None
    asked = re.split(r",\s+|(?<=[.;:])\s+", message.text.strip())[-1]
    asks = [t for t in detect_topics(asked, kb) if t not in _FIT_TOPICS or t == "learning_path"]
    asks = asks or bool(_PATH_WORD.search(normalise_text(asked)))  # "what's the path?" after 'if I pick X'
    if not asks or _opening_word(asked) not in QUESTION_START or FIT_REQUEST.search(normalise_text(asked)):
        return None
    named = [e["value"] for e in scan_entities(message.text, kb) if e["entity"] == "role"]
    if named:
        return named[0]
    found = read_description(kb, message.text)
    return recommend(kb, {slot: m.option for slot, m in found.items()}).role if found else None


WHAT_IF = re.compile(r"^((and|but|so|ok|okay|well|hmm),? )?(what )?if i\b|\b(what if|suppose|supposing|say) i\b")


def _what_if(kb: KnowledgeBase, state: State, message: Message) -> str | None:
    """ "And if I find out I prefer the cloud and deployment part?": where that would put the lean, nothing
    stored (it is a question, not an answer); None when the message is no such question."""
    said = normalise_text(message.text)
    if "?" not in message.text or not WHAT_IF.search(said):
        return None
    found = read_description(kb, message.text)
    if not found:
        return None
    answers = {**state.option_keys(), **{slot: m.option for slot, m in found.items()}}
    role = recommend(kb, answers).role
    alone = recommend(kb, {slot: m.option for slot, m in found.items()}).role
    because = _supposed_reasons(kb, {slot: m.option for slot, m in found.items()})
    if alone is not None and role != alone:  # 'if I lean toward systems, which one?': that alone, then with the rest
        rest = "both roles would fit you about equally" if role is None else f"my lean would stay {kb.roles[role].name}"
        return f"On its own, that points to {kb.roles[alone].name}; with your other answers, {rest}.{because}"
    if role is None:
        return f"If so, both roles would fit you about equally.{because}"
    return f"If so, {kb.roles[role].name} would be my lean.{because}"


def _what_if_role(kb: KnowledgeBase, state: State, message: Message) -> str | None:
    """The role a 'what if' answer names first: the supposed answers' own role when it differs from the lean with
    the rest ('on its own, that points to AI Engineer'), else the lean with them."""
    found = {slot: m.option for slot, m in read_description(kb, message.text).items()}
    alone = recommend(kb, found).role
    return alone or recommend(kb, {**state.option_keys(), **found}).role


def _supposed_reasons(kb: KnowledgeBase, supposed: Mapping[str, str]) -> str:
    """What the article says about the answers a 'what if' supposes ('and if I join a big company later?': large
    organisations usually keep the two roles separate), as a sentence; '' when none."""
    reasons = []
    for slot, key in supposed.items():
        option = next((o for o in question_for(kb, slot).options if o.key == key), None)
        if option is not None and option.reason:
            reasons.append(option.reason)
    return f" ({'; '.join(reasons)})" if reasons else ""


def _lean_now(kb: KnowledgeBase, state: State) -> str:
    """Where the answers stand after a message that changed them, said before the next question."""
    role = recommend(kb, state.option_keys()).role
    if role is None:
        return "With that, both roles fit you about equally so far."
    return f"With that, my lean so far is {kb.roles[role].name}."


def _miss(kb: KnowledgeBase, state: State) -> Turn:
    misses = state.misses + 1
    if misses >= MAX_MISSES:
        skipped = {state.current: Said(SKIP, "skipped", "skipped")}
        turn = _store(kb, state, skipped)
        return replace(turn, notes=("I still couldn't tell, so let's leave that one out.", *turn.notes))
    return Turn(replace(state, misses=misses), (_hint(question_for(kb, state.current)),))


def _hint(question: AdvisorQuestion) -> str:
    named = [o for o in question.options if not o.neutral]
    options = " or ".join(f"'{o.title.lower()}'" for o in named)
    return (
        f"Sorry, I couldn't tell which way that answers the question. Tell me in a few words ({options}, or say it "
        "your way), pick an option, or 'skip'."
    )


def _store(kb: KnowledgeBase, state: State, updates: Mapping[str, Said], keep_current: bool = False) -> Turn:
    answers = {**state.answers, **updates}
    moved = replace(state, answers=answers, misses=0 if not keep_current else state.misses)
    if keep_current and state.current not in answers:
        if not moved.full and settled(kb, moved.option_keys(), moved.unanswered(kb)):
            moved = replace(moved, status=DONE, current=None, misses=0)
        return Turn(moved, filled=tuple(s for s in _slots(kb) if s in updates))
    return Turn(_next(kb, replace(moved, misses=0)), filled=tuple(s for s in _slots(kb) if s in updates))


def _next(kb: KnowledgeBase, state: State) -> State:
    """Show the first unanswered question, or finish: all answered, or (outside refine mode) settled."""
    left = state.unanswered(kb)
    if not left or (not state.full and state.answers and settled(kb, state.option_keys(), state.unanswered(kb))):
        return replace(state, status=DONE, current=None, misses=0)
    return replace(state, status=ASKING, current=left[0], misses=0 if state.current != left[0] else state.misses)


def _neutral(question: AdvisorQuestion, text: str, how: str) -> Said:
    option = next((o.key for o in question.options if o.neutral), SKIP)
    return Said(option, text.strip() or "skip", how if option != SKIP else "skipped")


def _slots(kb: KnowledgeBase) -> List[str]:
    return [q.slot for q in kb.advisor.questions]


def _ordered(kb: KnowledgeBase, answers: Mapping[str, Said]) -> List[Tuple[str, Said]]:
    return [(s, answers[s]) for s in _slots(kb) if s in answers]


def _merge(old: Sequence[str], new: Sequence[str]) -> Tuple[str, ...]:
    merged = list(old)
    for word in new:
        if word.lower() not in (w.lower() for w in merged):
            merged.append(word)
    return tuple(merged)


def _label(kb: KnowledgeBase, slot: str, said: Said) -> str:
    """'you prefer engineering systems ("wiring services together")'."""
    option = next((o for o in question_for(kb, slot).options if o.key == said.option), None)
    if option is None:
        return f"skipped: {question_for(kb, slot).prompt}"
    quote = f' ("{whole_phrase(said.said)}")' if said.how in ("text", "description", "background") and said.said else ""
    quote = quote if quote != ' ("")' else ""
    return f"{option.label}{quote}"


_PHRASE_BREAK = re.compile(
    r"\s*(?:[,;:!?()]|\.(?:\s|$)|\s[-–—]\s|\s…\s?|\b(?:but|though|although|however|whereas)\b)\s*"
)
QUOTE_CHARS = 70


def whole_phrase(words: str, limit: int = QUOTE_CHARS) -> str:
    """The person's words shortened only at a phrase boundary ("Been a full-stack dev for a decade, I love
    shipping" -> "Been a full-stack dev for a decade"): whole phrases while they fit, never a cut-off word run;
    a first phrase that is itself too long is kept whole up to twice the limit, else nothing is quoted."""
    text = " ".join(str(words).split()).strip(" .…")
    if len(text) <= limit:
        return text
    kept = ""
    for piece in (p.strip() for p in _PHRASE_BREAK.split(text) if p and p.strip()):
        joined = f"{kept}, {piece}" if kept else piece
        if len(joined) > limit:
            break
        kept = joined
    if kept:
        return kept
    first = next((p.strip() for p in _PHRASE_BREAK.split(text) if p and p.strip()), "")
    return first if len(first) <= 2 * limit else ""


def label(kb: KnowledgeBase, slot: str, said: Said) -> str:
    return _label(kb, slot, said)


def question_number(kb: KnowledgeBase, slot: str) -> int:
    return _slots(kb).index(slot) + 1


# ---------- after the recommendation ----------

_FIRST_PERSON = re.compile(r"\b(i|me|my|mine|myself)\b")
# the person advised: oneself, or the one described ('my son ... what should he learn first?')
_THE_PERSON = re.compile(r"\b(i|me|my|mine|myself|he|she|him|her|his|hers|he's|she's|hes|shes)\b")

# 'senior salary for the role you'd suggest', 'what does that path start with': the recommended (or leaning) role.
_THAT_ROLE = re.compile(
    r"\b(that|this|the|its|your|my)( (?!(other|second|first|two|both|each|either|former|latter|same|learning|whole"
    r"|full|entire|career|ai|ml)\b)[\w-]+)? (role|path|job|career)\b|\byou'?d (suggest|recommend|pick)\b"
    r"|\b(suggested|recommended|matched|closer|closest|better|best|likelier) (role|one|path|fit)\b"
    r"|\b(role|path|one) you (matched|suggested|recommended|picked|gave|put) me\b"
)
_FOR_IT = re.compile(r"\b(for|in|of|at|with|on) (it|that|this)\b|\bits\b|\bthat (one|role)\b")
# 'and who would have trained the model in that scenario?': the answer is a role, so the advised one is not put in
_ASKS_WHICH_ROLE = re.compile(r"^\W*(and |so |ok |then )?(who|whose|which role|which of (them|the two|the roles))\b")
_OTHER_ROLE = re.compile(r"\bthe other (role|one|path|job|career|side)\b")
_BOTH_COMPARED = ("skill_comparison", "role_comparison")  # answers that show both roles side by side
_PAY_THERE = re.compile(r"\bthere\b")  # ('senior pay for it?' after the use cases stays about no one role)


def intent_after_advice(
    kb: KnowledgeBase, intent: str, text: str, previous: Mapping[str, Any], fit_role: str | None
) -> str:
    """'what would she need to pick up to also cover the other role?' right after the recommendation, read as a
    bare 'the other role' (which has no answer of its own after advice): what the words ask of the role not
    recommended (its pay, its path...), else the gap towards it; any other intent as it is."""
    if intent not in ("ask_other_role", "inform") or previous.get("topic") != "role_fit" or fit_role not in kb.roles:
        return intent
    if not _THE_OTHER_PATH.search(normalise_text(text)):
        return intent
    named = [t for t in detect_topics(text, kb) if t != "role_fit"]
    return f"ask_{named[0]}" if named else "ask_skill_gap"


def with_recommended_role(
    kb: KnowledgeBase,
    intent: str,
    message: Mapping[str, Any],
    previous: Mapping[str, Any],
    fit_role: str | None,
    interviewing: bool = False,
) -> List[Dict[str, Any]]:
    """The message's entities, plus the recommended role when the question is about the person's own path and
    names no role: right after the recommendation, in the first person ("what would I earn starting out?",
    "what should I learn first?") or pointing at it ("the senior pay for the role you'd suggest"); `interviewing`:
    asked between the interview's questions, where `fit_role` is the lean so far and "senior pay for it?" is
    about that role."""
    entities = [dict(e) for e in message.get("entities") or []]
    if fit_role not in kb.roles or not intent.startswith("ask_") or intent in ("ask_role_fit", "ask_other_role"):
        return entities
    if any(e.get("entity") in ("role", "job_title") for e in entities):
        return entities
    other = _THE_OTHER_PATH.search(normalise_text(message.get("text") or ""))
    if asks_this_and_the_other(message.get("text") or "") or asks_every_role(message.get("text") or ""):
        return entities  # 'who would that person work with, and the other role?', '... vs the other?': both roles
    after_lean = interviewing or previous.get("topic") == "role_fit"
    if other and after_lean and (not previous.get("role") or previous.get("topic") == "role_fit"):
        # "the other path's starting pay?", 'my interest in APIs, for the other role?' mid-interview or right after
        # the advice: the role not leaned to (elsewhere the role last talked about decides, context._OTHER_ROLE)
        return [*entities, {"entity": "role", "value": other_role(fit_role)}]
    if "role" not in topic_fields(kb).get(intent[4:], ()):
        return entities
    if intent == "ask_workflow" and any(e.get("entity") == "tool" for e in entities):
        return entities  # 'which step uses the tools I mentioned?': those tools' steps, whoever owns them
    if interviewing and intent == "ask_scenarios":
        return entities  # 'what would I be doing in the chatbot project?' on a lean, not advice yet: both parts
    text = normalise_text(message.get("text") or "")
    if any(rx(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])").search(text) for w in role_words(kb)):
        return [*entities, *_it_then_a_role(text, fit_role, interviewing or previous.get("topic") == "role_fit")]
    if _OTHER_ROLE.search(text):  # 'how is it rated for the other role?': the other one than the last answer's
        if previous.get("role") in kb.roles:  # role (the thread swaps it), else than the role advised
            return entities
        return [*entities, {"entity": "role", "value": next(r for r in kb.roles if r != fit_role)}]
    if _ASKS_WHICH_ROLE.search(text):
        return entities
    if any(e["entity"] == "job_title" for e in scan_entities(text, kb)):
        return entities  # "what would I earn as a data analyst?" is about that job, not the recommended role
    after_it = previous.get("topic") == "role_fit" or interviewing
    # 'what's the starting salary there?' after an answer about no one role (a step, its tools): the role advised
    # (a lean mid-interview is not advice yet: both roles' figures)
    roleless_pay = not interviewing and intent[4:] in pay_topics(kb) and not previous.get("role")
    roleless_pay = roleless_pay and _PAY_THERE.search(text)
    # 'entry pay?' after both roles compared on a skill: the role advised, not the one the comparison named last
    after_both = previous.get("topic") in _BOTH_COMPARED and intent[4:] != previous.get("topic")
    points = _THAT_ROLE.search(text) or (after_it and _FOR_IT.search(text)) or roleless_pay or after_both
    if previous.get("topic") != "role_fit" and not _THE_PERSON.search(text) and not points:
        return entities
    return [*entities, {"entity": "role", "value": fit_role}]


# 'the senior pay for it, and for the ML one?': the role advised ('it'), then a role by name, in one message
_IT_THEN_NAMED = re.compile(r"\b(for|in|of|at|with) (it|that|this)\b\W+(and|vs\.?|versus|or|compared to)\b")


def _it_then_a_role(text: str, fit_role: str, after_advice: bool) -> List[Dict[str, Any]]:
    """The advised role, where the message points at it ('for it') and then names a role beside it: both are
    asked, the pointer is no stray word."""
    said = _IT_THEN_NAMED.search(text) if after_advice else None
    if said is None:
        return []
    return [{"entity": "role", "value": fit_role, "start": said.start(2), "end": said.end(2)}]


# 'the other role', 'the other path's starting pay', 'the opposite side': the role not advised
_THE_OTHER_PATH = re.compile(r"\b(the|that) (other|opposite) (role|path|track|side|one|route|direction|career)\b")


# 'the tools I mentioned', 'my stack', 'my pipeline experience': what the person said they use, not a list of the
# article's; 'those tools' too, right after a self-description.
_OWN_TOOLS = re.compile(
    r"\b(tools?|frameworks?|libraries|stack|tech)( that)? (i|i've|i have|we) (mentioned|named|listed|said|use|used|"
    r"run|know|work with)\b|\b(my|our) (own |current )?(tools?|frameworks?|libraries|stack|tech stack)\b"
    r"|\b(my|our) ([\w-]+ )?(experience|background)\b|\bwhat i (already )?(know|use|work with)\b"
)
_THOSE_TOOLS = re.compile(r"\b(those|these|the same|that) (tools?|frameworks?|libraries|stack)\b")


def with_own_tools(
    kb: KnowledgeBase, message: Mapping[str, Any], previous_topic: str | None, skills: Sequence[str]
) -> List[Dict[str, Any]]:
    """The message's entities, plus the tools the person named about themself (`skills`: the interview's) when it
    points at them ("which workflow step uses the tools I mentioned?", "those tools" right after the
    self-description) and names no tool of its own."""
    entities = [dict(e) for e in message.get("entities") or []]
    text = normalise_text(message.get("text") or "")
    if not skills or any(e.get("entity") == "tool" for e in entities):
        return entities
    right_after = previous_topic in (None, "role_fit")  # nothing answered since the self-description
    if not (_OWN_TOOLS.search(text) or (right_after and _THOSE_TOOLS.search(text))):
        return entities
    if any(e["entity"] == "tool" for e in scan_entities(text, kb)):
        return entities
    areas = {a.name.lower() for a in kb.core_skills.areas}  # 'Cloud platforms' is a skill they have, not a tool
    own = [e["value"] for e in scan_entities(" ; ".join(skills), kb) if e["entity"] == "tool"]
    return [*entities, *({"entity": "tool", "value": v} for v in dict.fromkeys(own) if v.lower() not in areas)]

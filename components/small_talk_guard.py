"""Small talk that names the article's things is a follow-up, not small talk.

The classifier reads short follow-ups as small talk now and then: "grafana" as thanks, "are they indicative or
exact?" as a bot challenge, "skip ahead to the step after" as stop, "the one before?" as no. The rules answer
small-talk intents with a canned reply before the answer action sees them, so the thread is lost. This
component, after the
FallbackClassifier, keeps a small-talk intent only when the message has a word of that intent's own ("thanks",
"bot", "bye"...) or names nothing the article covers; otherwise the message becomes `nlu_fallback`, which
`action_clarify` reads with the conversation's thread (actions/understanding/triage.py): answered as the
follow-up it is, or declined politely.

What "names something the article covers" means is the KB's own vocabulary (actions/understanding/topics.py):
a tool, skill, stage or level (not a bare role: "are you an AI?" is a bot challenge), a topic cue, a fact the
article lacks, a question whether it mentions a name ("does it mention huggingface?"), or a move in a list ("the
step after", "the third one"); and a message about the list the last answer showed ("what else is on that list?")
is a follow-up too.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

FALLBACK = "nlu_fallback"
# Each small-talk intent's own words: with one of them the message stays small talk whatever else it names
# ("thanks for the salary info", "is this an AI?", "I'm logging off now").
OWN_WORDS: Dict[str, re.Pattern] = {
    name: re.compile(pattern, re.I)
    for name, pattern in {
        "thanks": r"\b(thanks?|thx|thnx|thanx|ty|tysm|tyvm|appreciate\w*|cheers|grateful|helpful|helped|merci|gracias"
        r"|danke|obrigado|lifesaver|obliged)\b",
        "bot_challenge": r"\b(bots?|chatbot|human|person|people|real|robot|machine|automated|software|program|ai"
        r"|sentient|alive|agent|operator|typing|gpt|chatgpt|who am i|computer)\b",
        "goodbye": r"\b(bye|goodbye|logging off|signing off|later|night|gotta|leaving|heading out|see (you|ya|u)"
        r"|cya|ciao|farewell|gtg|ttyl)\b",
        "greet": r"\b(hi+|hello|hey+|hiya|morning|evening|afternoon|howdy|greetings|sup|yo)\b",
        "stop": r"\b(stop|cancel|quit|exit|abort|enough|end|quiz|questionnaire|interview|survey|nvm|never ?mind"
        r"|forget it|halt|done|drop it)\b",
        "deny": r"\b(no|nope|nah|not|don'?t|never|wrong|incorrect|negative|neither|none|nothing)\b",
        "affirm": r"\b(yes|yeah|yep|yup|ya|sure|ok|okay|correct|right|exactly|absolutely|definitely|indeed|true"
        r"|fine|great|perfect|alright|sounds good|go ahead|please)\b",
        "help": r"\b(help\w*|assist\w*|topics?|cover\w*|capabilit\w*|features?|options?|menu|commands?|instructions?"
        r"|what (else )?can (you|u|i)|what do you (know|do)|how (do|does) (this|it|you) work|who are you|ask)\b",
    }.items()
}
# A message about the list the last answer showed ('what else is on that list?', "what's next to it?",
# 'others?'): a follow-up even though it names nothing of the article itself.
POINTS_AT_LAST_ANSWER = re.compile(
    r"\b(that|this|the|same) (list|table|group|category)\b|\bwhat else\b|\bthe (others|rest)\b"
    r"|^\W*(and )?(any )?others\W*$|\bnext to (it|that|this)\b|\b(besides|apart from|aside from) (it|that|this)\b"
    r"|\bthe [\w-]+ one\b|\bthe other (role|one|side)\b",  # 'the chatbot one', 'and the other role, ...?'
    re.I,
)


def names_the_article(text: str) -> bool:
    """Whether the message names something the knowledge base covers (see the module docstring)."""
    from actions.knowledge import get_kb
    from actions.understanding.lookups import asks_if_mentioned, missing_fact
    from actions.understanding.spelling import correct
    from actions.understanding.topics import detect_topics, level_shift, ordinal, scan_entities, step_shift

    kb = get_kb()
    text = correct(text, kb)  # 'wat abt scenrio 2, who dos the forcasting' names a scenario, as it is read later
    if any(e.get("entity") != "role" for e in scan_entities(text, kb)):
        return True
    return bool(
        detect_topics(text, kb)
        or missing_fact(kb, text)
        or asks_if_mentioned(text)  # 'does it mention huggingface?': no thanks, whatever the name
        or ordinal(text) is not None
        or step_shift(text)
        or level_shift(text)
    )


# A question asking for content ('what's checked there?', 'what kinds of systems?', 'who owns that step?') is no
# thanks, greeting, goodbye or call for help, unless it speaks to the bot ('what can you do?' has the help words).
CONTENT_QUESTION = re.compile(r"^\W*(and |so |ok |okay |then |but )?(what|which|who|whose|where|when|why|how)\b", re.I)
_TO_THE_BOT = re.compile(r"\b(you|your|u|ya|yourself)\b", re.I)
_NEVER_CONTENT = ("thanks", "greet", "goodbye", "help")


def corrects_last_question(text: str) -> bool:
    """ "no, I meant the ML one", "nope, entry level": a correction naming what was meant (a role counts here),
    so its 'no' is not a reply to anything: the last question again, with this instead."""
    from actions.knowledge import get_kb
    from actions.understanding.topics import is_correction, scan_entities

    return is_correction(text) and (bool(scan_entities(text, get_kb())) or names_the_article(text))


# A short question with none of the intent's own words and not put to the bot ('what kind of models?', 'are those
# upper caps?', 'are they exact figures?'): no bot challenge, yes or no, goodbye or stop answers it; it asks more of
# the last answer, which `action_clarify` reads with the thread (or declines when there is none).
_SHORT_QUESTION = re.compile(
    r"^\W*((and|so|ok|okay|but|then)\W+)*(what|which|who|whose|where|when|how|are|is|were|was|do|does)\b"
    r"(\W+[\w'-]+){0,5}\W*\?\W*$",
    re.I,
)
_THIS_BOT = re.compile(r"\b(this|it) (thing|app|site|chat|tool|service)\b", re.I)  # 'what is this thing?'
_ASKED_NOT_SAID = ("bot_challenge", "deny", "affirm", "goodbye", "stop")


def is_follow_up(intent: str, text: str) -> bool:
    """A small-talk reading to drop: the message lacks the intent's own words and names the article's things (or
    asks for content, for the small talk no question asks), or it corrects the last question ('no, I meant the ML
    one' is no 'no')."""
    own = OWN_WORDS.get(intent)
    if own is None or not text or text.startswith("/"):
        return False
    if intent in _ANSWER_WORDS and corrects_last_question(text):
        return True
    if intent in _NEVER_CONTENT and goes_back(text):
        return True  # 'sorry, back to the US numbers: top bracket for each?': no thanks, an earlier answer again
    if intent == "bot_challenge" and about_another_bot(text):
        return True  # 'and who'd put the bot into production?' after the support-bot scenario: that bot, not this one
    if own.search(text):
        return False
    if intent in _NEVER_CONTENT and CONTENT_QUESTION.search(text) and not _TO_THE_BOT.search(text):
        return True
    short = _SHORT_QUESTION.search(text) and not _TO_THE_BOT.search(text) and not _THIS_BOT.search(text)
    if intent in _ASKED_NOT_SAID and short and (intent not in ("affirm", "deny") or len(text.split()) > 2):
        return True  # ('is it?', 'really?' stay the replies they are)
    return bool(POINTS_AT_LAST_ANSWER.search(text)) or names_the_article(text)


def about_another_bot(text: str) -> bool:
    """A content question that names the article's things and speaks of a bot without speaking to this one ('who
    would ship the support bot?', 'which role trains the chatbot's intent model?'): a bot of the article's examples."""
    if _TO_THE_BOT.search(text) or _THIS_BOT.search(text) or not CONTENT_QUESTION.search(text):
        return False
    return names_the_article(text)


def goes_back(text: str) -> bool:
    """'back to the chatbot: what systems...?', 'ok, going back, the ML row': the message returns to an earlier
    answer and asks more of it (actions/understanding/returns.py)."""
    from actions.understanding.returns import going_back

    back = going_back(text)
    return back is not None and any(back)


# Replies whose own words ('no', 'sorry, ...') also open a correction.
_ANSWER_WORDS = ("deny", "affirm", "stop", "thanks")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SmallTalkGuard(GraphComponent):
    """Turns a small-talk intent into `nlu_fallback` when the message is a follow-up (module docstring)."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SmallTalkGuard:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            name = intent.get("name")
            if name in OWN_WORDS and is_follow_up(name, message.get(TEXT) or ""):
                fallback = {"name": FALLBACK, "confidence": float(intent.get("confidence") or 0.0)}
                ranking = [fallback, *(message.get(INTENT_RANKING_KEY) or [])]
                message.set(INTENT, fallback, add_to_output=True)
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

"""Heavy typos mended before NLU reads the message: the classifier and the entity extractor see 'what is the salary
for a senior ai engineer', not 'wat is teh salry for a seinor ai enginer'.

The action server already mends a message before it reads the words (actions/understanding/spelling.py), but the
intent it starts from was NLU's, read from the typos: 'whts teh lernng pth fr ai enginers' was unsure, 'cn 1 persn
do bth roles' read as tools with high confidence, and a sure intent is not overruled by the words. This component
runs the same mending first, so both sides read the same text. It changes no training example (every word the
training data uses twice is a known word, left as it is), so it needs no training of its own.

The message's own text stays what the person typed (Rasa's tracker keeps it); NLU's parse data carries the
mended text, and entity offsets refer to it, as they do to the action server's mended text.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

TYPED = "text_as_typed"  # the text before mending, kept in the parse data when it changed


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class SpellingCorrector(GraphComponent):
    """Mends each message's text with the KB's words (actions/understanding/spelling.py) before tokenizing."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SpellingCorrector:
        return cls()

    def __init__(self) -> None:
        from actions.knowledge import get_kb
        from actions.understanding import spelling

        self._kb = get_kb()
        self._correct = spelling.correct
        self._correct("warm up", self._kb)  # its word lists and index are built here, not at the first message

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data  # the training examples are the known words' source: nothing to mend

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            typed = message.get(TEXT)
            if not isinstance(typed, str) or not typed:
                continue
            mended = self._correct(typed, self._kb)
            if mended != typed:
                message.set(TYPED, typed)
                message.set(TEXT, mended)
        return messages

"""The NLU-side spelling corrector (components/spelling.py): NLU reads the mended text, training data is left as is."""

from __future__ import annotations

from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.spelling import TYPED, SpellingCorrector


def test_heavy_typos_are_mended_before_nlu_and_the_typed_text_is_kept():
    (message,) = SpellingCorrector().process([Message(data={TEXT: "wat is teh salry for a seinor ai enginer"})])
    # 'salry' is mended though the training data has it (one missing letter), and so is 'enginer' (an alias's typo)
    assert message.get(TEXT) == "what is the salary for a senior ai engineer"
    assert message.get(TYPED) == "wat is teh salry for a seinor ai enginer"


def test_clean_text_payloads_and_numbers_are_left_alone():
    corrector = SpellingCorrector()
    for text in ("what does a senior ML engineer earn?", "/ask_salary", "what's step 4 of the workflow", "is R used?"):
        (message,) = corrector.process([Message(data={TEXT: text})])
        assert message.get(TEXT) == text and message.get(TYPED) is None


def test_training_examples_are_not_touched():
    data = TrainingData([Message(data={TEXT: "hw mch does entery levl ai enginer mak", "intent": "ask_salary"})])
    assert SpellingCorrector().process_training_data(data).training_examples[0].get(TEXT) == (
        "hw mch does entery levl ai enginer mak"
    )

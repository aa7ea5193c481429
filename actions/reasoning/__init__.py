"""Reasoning: pure functions over the KB (queries, advisor scores, the interview state machine); no Rasa."""

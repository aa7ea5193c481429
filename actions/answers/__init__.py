"""Answers: a routed Question -> short text and quick-reply buttons.

- pipeline.py: a parsed message -> its (Question, Answer) pairs (the one path, for the action and the eval)
- registry.py: topic -> renderer (RENDERERS), used by the pipeline and the tests
- one module per topic family (roles, workflow, skills, salary, practice, faq, advice, clarify), charts.py
- phrasing.py (the Answer type, echo of typed text, lists, money) and markdown.py (the layout every answer gets)
"""

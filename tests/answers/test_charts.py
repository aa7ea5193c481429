"""The widget's charts (actions/answers/charts.py): drawn from the KB, the same numbers in the alt text, valid SVG,
readable colours; and the answers that carry them."""

from __future__ import annotations

import base64
import itertools
import re
import xml.etree.ElementTree as ET

import pytest

from actions.answers import charts
from actions.answers.advice import recommendation
from actions.answers.charts import Lean, answer_leans, fit_chart, lean_chart, salary_chart
from actions.answers.phrasing import Answer, combine, money
from actions.answers.salary import salary, salary_comparison
from actions.knowledge.schema import LEVEL_KEYS, ROLE_KEYS
from actions.reasoning.advisor import recommend
from actions.reasoning.interview import State
from actions.understanding.context import Question

SVG_NS = "{http://www.w3.org/2000/svg}"
NAMES = {"ai_engineer": "AI Engineer", "ml_engineer": "Machine Learning Engineer"}


def svg_root(chart: charts.Chart) -> ET.Element:
    root = ET.fromstring(chart.svg)  # raises on anything that is not well-formed XML
    assert root.tag == f"{SVG_NS}svg" and root.get("role") == "img"
    return root


def drawn_text(chart: charts.Chart) -> str:
    return "\n".join("".join(t.itertext()) for t in svg_root(chart).iter(f"{SVG_NS}text"))


def test_salary_chart_draws_every_band_of_the_kb_and_says_each_in_the_alt(kb) -> None:
    chart = salary_chart(kb)
    text, alt = drawn_text(chart), chart.alt
    for role in ROLE_KEYS:
        for level in LEVEL_KEYS:
            band = kb.salaries.bands[role][level]
            assert f"{money(band.low)}–{money(band.high)}" in text, (role, level)
            assert f"{money(band.low)} to {money(band.high)}{'+' if band.open_ended else ''}" in alt, (role, level)
    for words in ("Entry level", "Mid level", "Senior level", "AI Engineer", "Machine Learning Engineer"):
        assert words in text and words in alt
    assert str(kb.salaries.outlook_year) in alt and kb.salaries.country in alt and "no fixed ceiling" in alt
    assert svg_root(chart).findtext(f"{SVG_NS}title") == alt
    assert str(kb.salaries.outlook_year) in chart.caption


def test_salary_chart_bars_sit_on_one_money_scale(kb) -> None:
    """Bar positions follow the figures: a higher band starts further right, and widths are proportional."""
    rects = [r for r in svg_root(salary_chart(kb)).iter(f"{SVG_NS}rect") if r.get("height") == "12"]
    bands = [kb.salaries.bands[role][level] for level in LEVEL_KEYS for role in ROLE_KEYS]
    assert len(rects) == len(bands) == 6
    per_dollar = float(rects[0].get("width")) / (bands[0].high - bands[0].low)
    for rect, band in zip(rects, bands, strict=True):
        assert float(rect.get("width")) == pytest.approx((band.high - band.low) * per_dollar, abs=0.2)
    xs = [float(r.get("x")) for r in rects]
    lows = [b.low for b in bands]
    assert sorted(range(6), key=xs.__getitem__) == sorted(range(6), key=lows.__getitem__)


def test_one_level_charts_only_that_level(kb) -> None:
    chart = salary_chart(kb, ("senior",))
    assert "Senior level" in chart.alt and "Entry level" not in chart.alt and "Mid level" not in drawn_text(chart)


def test_data_uri_and_attachment_carry_the_same_svg(kb) -> None:
    chart = salary_chart(kb)
    uri = chart.data_uri()
    assert uri.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(uri.split(",", 1)[1]).decode("ascii") == chart.svg  # ASCII: decodes the same in JS atob
    attachment = chart.attachment()
    assert attachment["type"] == "image"
    assert attachment["payload"] == {"src": uri, "title": chart.caption, "alt": chart.alt}


@pytest.mark.parametrize("slots", [0, 1, 2, 3, 4, 5])
def test_each_answers_lean_adds_up_to_the_advisors_scores(kb, slots: int) -> None:
    """The bars are the advisor's own scoring, one answer at a time: for every combination of answers, they sum
    to the scores the recommendation is made from (a change to the scoring that breaks this fails here)."""
    questions = kb.advisor.questions[:slots]
    for keys in itertools.product(*[[o.key for o in q.options] for q in questions]):
        answers = {q.slot: key for q, key in zip(questions, keys, strict=True)}
        leans = answer_leans(kb, answers)
        assert len(leans) == len(answers)
        expected = recommend(kb, answers).scores
        for role in ROLE_KEYS:
            assert sum(lean.scores[role] for lean in leans) == pytest.approx(expected[role]), answers


def test_fit_chart_states_each_answer_and_the_overall_lean(kb) -> None:
    answers = {"fit_work": "models", "fit_math": "high", "fit_cloud": "no", "fit_data": "yes", "fit_team": "any"}
    chart = fit_chart(kb, answers)
    rec = recommend(kb, answers)
    overall = rec.scores["ml_engineer"] - rec.scores["ai_engineer"]
    assert overall > 0
    assert f"Overall: {round(overall, 1):g} points toward Machine Learning Engineer." in chart.alt
    for question in kb.advisor.questions:
        option = next(o for o in question.options if o.key == answers[question.slot])
        label = option.label[:1].upper() + option.label[1:]
        assert f"{label}: " in chart.alt and label in drawn_text(chart)
    assert svg_root(chart).findtext(f"{SVG_NS}title") == chart.alt


def test_lean_chart_draws_each_figure_on_the_side_of_its_role() -> None:
    leans = [
        Lean("you prefer engineering systems", {"ai_engineer": 1.5, "ml_engineer": -1.5}),
        Lean("you enjoy data preparation", {"ai_engineer": -1.0, "ml_engineer": 1.0}),
        Lean("team size doesn't matter to you", {"ai_engineer": 0.0, "ml_engineer": 0.0}),
    ]
    chart = lean_chart(NAMES, leans)
    assert "You prefer engineering systems: 3 points toward AI Engineer" in chart.alt
    assert "You enjoy data preparation: 2 points toward Machine Learning Engineer" in chart.alt
    assert "Team size doesn't matter to you: even, toward neither role" in chart.alt
    assert "Overall: 1 point toward AI Engineer." in chart.alt
    root = svg_root(chart)
    centre = charts.WIDTH / 2
    figures = {"".join(t.itertext()): t for t in root.iter(f"{SVG_NS}text")}
    assert float(figures["+3"].get("x")) < centre < float(figures["+2"].get("x"))  # AI left, ML right
    assert float(figures["+1"].get("x")) < centre and "even" in figures
    bars = [r for r in root.iter(f"{SVG_NS}rect") if r.get("height") == "12"]
    widths = [float(b.get("width")) for b in bars][:2]
    assert widths == pytest.approx([3 / 3 * (centre - 54), 2 / 3 * (centre - 54)], abs=0.1)  # scaled to the longest


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(hex_colour: str) -> float:
    return 1.05 / (_luminance(hex_colour) + 0.05)


def test_every_colour_drawn_meets_aa_on_white(kb) -> None:
    """Text (figures, labels, the role names in their colours) 4.5:1; the same colours fill the bars. Only the
    light grid lines, which carry no information, are exempt."""
    used = set()
    for chart in (salary_chart(kb), fit_chart(kb, {"fit_work": "systems", "fit_math": "high"})):
        used |= set(re.findall(r"(?:fill|stroke)='(#[0-9a-f]{6})'", chart.svg))
    used -= {"#ffffff", charts.GRID}
    assert used >= set(charts.ROLE_FILL.values()) | {charts.INK, charts.MUTED}
    for colour in used:
        assert contrast_on_white(colour) >= 4.5, colour


def test_the_roles_differ_by_pattern_not_only_colour(kb) -> None:
    svg = salary_chart(kb).svg
    assert "fill='url(#hatch)'" in svg and f"fill='{charts.ROLE_FILL['ai_engineer']}'" in svg


def test_salary_comparison_and_recommendation_carry_their_charts(kb) -> None:
    compared = salary_comparison(kb, Question(topic="salary_comparison"))
    assert compared.chart is not None and "$145,000 to $180,000+" in compared.chart.alt
    assert salary(kb, Question(topic="salary")).chart is None  # a plain salary answer stays text
    answers = {"fit_work": "systems", "fit_math": "low"}
    state = State.from_slot(
        kb, {"answers": {k: {"option": v, "said": v, "how": "button"} for k, v in answers.items()}, "status": "done"}
    )
    advised = recommendation(kb, recommend(kb, state.option_keys()), state)
    assert advised.chart is not None and advised.chart.alt == fit_chart(kb, answers).alt
    assert combine([Answer("a"), compared]).chart is compared.chart

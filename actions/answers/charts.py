"""Pictures for the widget, drawn from the knowledge base: the two roles' US salary ranges by level, and how a
person's interview answers lean between the two roles' profiles.

Pure: data in, a Chart out (SVG text + the same numbers in words for the <img>'s alt and the SVG's <title>).
No plotting library: a few rectangles and labels. Every bar carries its figure as text and the roles differ by
pattern as well as colour, so nothing depends on colour alone; colours meet WCAG AA against white (text 4.5:1,
bars 3:1). Only the widget is sent them (actions.py `send`); the text answer states the same numbers.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Dict, List, Mapping, Sequence, Tuple
from xml.sax.saxutils import escape

from actions.answers.phrasing import LEVEL_NAMES, band_text, capitalise, role_name
from actions.knowledge.schema import LEVEL_KEYS, ROLE_KEYS, KnowledgeBase
from actions.reasoning import queries as q
from actions.reasoning.advisor import recommend

WIDTH = 340  # the widget's bubble is ~300-340 px wide: drawn at that size, the 11-12 px text stays readable
MARGIN = 10
FONT = "font-family='Inter,Arial,Helvetica,sans-serif'"
INK, MUTED, GRID = "#1f2937", "#4b5563", "#d1d5db"  # 14.7:1 and 7.6:1 on white; GRID is decoration only
ROLE_FILL = {"ai_engineer": "#1d4ed8", "ml_engineer": "#b45309"}  # 6.7:1 and 5.0:1 on white
ROLE_PATTERN = {"ai_engineer": None, "ml_engineer": "hatch"}  # ML bars hatched: the roles differ without colour
DATA_URI_PREFIX = "data:image/svg+xml;base64,"


@dataclass(frozen=True)
class Chart:
    caption: str  # shown above the picture in the widget
    alt: str  # the picture's numbers in words: the <img>'s alt text and the SVG's <title>
    svg: str

    def data_uri(self) -> str:
        return DATA_URI_PREFIX + base64.b64encode(self.svg.encode("ascii")).decode("ascii")

    def attachment(self) -> Dict[str, object]:
        """What rasa-webchat 1.0.1 renders as an image with a title (Rasa's socket.io channel sends it as is)."""
        return {"type": "image", "payload": {"src": self.data_uri(), "title": self.caption, "alt": self.alt}}


# ---------- salary ranges ----------


def salary_chart(kb: KnowledgeBase, levels: Sequence[str] = LEVEL_KEYS) -> Chart:
    """Both roles' US ranges at each level, on one money scale, each bar labelled with its range."""
    s = kb.salaries
    bands = {(role, level): q.salary_band(kb, role, level) for level in levels for role in ROLE_KEYS}
    low = min(b.low for b in bands.values()) // 20_000 * 20_000
    high = -(-max(b.high for b in bands.values()) // 20_000) * 20_000
    plot_left, plot_right = MARGIN + 14, WIDTH - MARGIN - 20  # room for the end ticks' labels and an open end

    def x(amount: int) -> float:
        return plot_left + (amount - low) / (high - low) * (plot_right - plot_left)

    body: List[str] = []
    y = 8
    said: List[str] = []
    for level in levels:
        y += 16
        body.append(_text(MARGIN, y, capitalise(LEVEL_NAMES[level]), size=13, bold=True))
        parts = []
        for role in ROLE_KEYS:
            band = bands[(role, level)]
            figures = band_text(band)
            y += 16
            body.append(_text(MARGIN, y, f"{role_name(kb, role)}: {figures}", size=12))
            y += 4
            body.append(_bar(role, x(band.low), y, x(band.high) - x(band.low), 12))
            if band.open_ended:
                body.append(_arrow(x(band.high), y, 12, ROLE_FILL[role]))
            y += 12
            parts.append(f"{role_name(kb, role)} {figures.replace('–', ' to ')}")
        said.append(f"{capitalise(LEVEL_NAMES[level])}: {', '.join(parts)}")
        y += 4
    top, bottom = 8, y + 4
    grid = []
    ticks = range(low, high + 1, 20_000)
    for amount in ticks:
        grid.append(f"<line x1='{x(amount):.1f}' y1='{top}' x2='{x(amount):.1f}' y2='{bottom}' stroke='{GRID}'/>")
        grid.append(_text(x(amount), bottom + 13, f"${amount // 1000}k", size=11, color=MUTED, anchor="middle"))
    height = bottom + 20
    open_note = " A + means the senior range has no fixed ceiling." if any(b.open_ended for b in bands.values()) else ""
    alt = (
        f"Bar chart of yearly salary ranges ({s.country}, {s.outlook_year} outlook, {s.nature}). "
        + ". ".join(said)
        + "."
        + open_note
    )
    caption = f"Salary ranges by level ({s.country}, {s.outlook_year} outlook)"
    return Chart(caption, alt, _svg(height, alt, grid + body))


# ---------- role fit ----------


@dataclass(frozen=True)
class Lean:
    """One interview answer and how far it moves the score toward each role (the advisor's own scoring)."""

    label: str  # "you prefer engineering systems"
    scores: Mapping[str, float]  # role -> points this answer adds


def answer_leans(kb: KnowledgeBase, answers: Mapping[str, str]) -> List[Lean]:
    """Each answered question scored on its own by the advisor (reasoning.advisor.recommend), in interview order:
    the bars add up to the recommendation's scores (tests/answers/test_charts.py holds the advisor to that)."""
    leans = []
    for question in kb.advisor.questions:
        option = next((o for o in question.options if o.key == answers.get(question.slot)), None)
        if option is not None:
            scores = recommend(kb, {question.slot: option.key}).scores
            leans.append(Lean(option.label, dict(scores)))
    return leans


def fit_chart(kb: KnowledgeBase, answers: Mapping[str, str]) -> Chart:
    """The person's answers against the two roles: one bar per answer, drawn from the middle toward the role
    it favours, and the overall lean."""
    return lean_chart({r: role_name(kb, r) for r in ROLE_KEYS}, answer_leans(kb, answers))


def lean_chart(names: Mapping[str, str], leans: Sequence[Lean]) -> Chart:
    """Pure drawing of `leans` (left: the first role, right: the second). Each bar's points are written at its
    end; a neutral answer reads "even"."""
    left, right = ROLE_KEYS
    rows: List[Tuple[str, float]] = [(capitalise(lean.label), _lean(lean.scores, left, right)) for lean in leans]
    total = _lean({r: sum(lean.scores.get(r, 0.0) for lean in leans) for r in ROLE_KEYS}, left, right)
    scale = max([abs(v) for _, v in rows] + [abs(total), 1.0])
    centre = WIDTH / 2
    reach = centre - MARGIN - 44  # room for the figure beyond the longest bar

    def bar(y: float, value: float) -> List[str]:
        if value == 0:
            return [_text(centre + 4, y + 10, "even", size=12, color=MUTED)]
        role = left if value > 0 else right
        length = abs(value) / scale * reach
        start = centre - length if value > 0 else centre
        end = start - 4 if value > 0 else centre + length + 4
        anchor = "end" if value > 0 else "start"
        figure = _text(end, y + 10, _points(value), size=12, bold=True, anchor=anchor)
        return [_bar(role, start, y, length, 12), figure]

    def axis(y: float) -> str:  # the middle, drawn beside each bar only (never through a label)
        return f"<line x1='{centre}' y1='{y - 3:.1f}' x2='{centre}' y2='{y + 15:.1f}' stroke='{INK}'/>"

    body = [
        _text(MARGIN, 18, f"\u25c0 {names[left]}", size=12, bold=True, color=ROLE_FILL[left]),
        _text(WIDTH - MARGIN, 18, f"{names[right]} \u25b6", size=12, bold=True, color=ROLE_FILL[right], anchor="end"),
    ]
    y = 26.0
    said = []
    for label, value in rows:
        y += 14
        body.append(_text(MARGIN, y, label, size=12))
        y += 4
        body += [axis(y), *bar(y, value)]
        y += 16
        said.append(f"{label}: {_toward(value, names)}")
    y += 2
    body.append(f"<line x1='{MARGIN}' y1='{y:.1f}' x2='{WIDTH - MARGIN}' y2='{y:.1f}' stroke='{MUTED}'/>")
    y += 16
    body.append(_text(MARGIN, y, "Overall", size=13, bold=True))
    y += 4
    body += [axis(y), *bar(y, total)]
    y += 16
    alt = (
        f"Bar chart of how each of your answers leans between {names[left]} and {names[right]}, in points from the "
        f"article's skill tables. {'. '.join(said)}. Overall: {_toward(total, names)}."
    )
    caption = "Your answers against the two roles"
    return Chart(caption, alt, _svg(y + 6, alt, body))


def _lean(scores: Mapping[str, float], left: str, right: str) -> float:
    """Points toward the left role (negative: toward the right one)."""
    return round(scores.get(left, 0.0) - scores.get(right, 0.0), 1)


def _points(value: float) -> str:
    return f"+{abs(value):g}"


def _toward(value: float, names: Mapping[str, str]) -> str:
    if value == 0:
        return "even, toward neither role"
    role = ROLE_KEYS[0] if value > 0 else ROLE_KEYS[1]
    points = abs(value)
    return f"{points:g} point{'' if points == 1 else 's'} toward {names[role]}"


# ---------- SVG pieces ----------


def _svg(height: float, title: str, parts: Sequence[str]) -> str:
    """The document: ASCII only (other characters as references), so a data: URI decodes the same everywhere."""
    defs = (
        "<defs><pattern id='hatch' width='6' height='6' patternUnits='userSpaceOnUse' patternTransform='rotate(45)'>"
        f"<rect width='6' height='6' fill='{ROLE_FILL['ml_engineer']}'/>"
        "<line x1='0' y1='0' x2='0' y2='6' stroke='#ffffff' stroke-width='2'/></pattern></defs>"
    )
    svg = (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{height:.0f}' "
        f"viewBox='0 0 {WIDTH} {height:.0f}' role='img' {FONT}>"
        f"<title>{escape(title)}</title>{defs}<rect width='100%' height='100%' fill='#ffffff'/>"
        + "".join(parts)
        + "</svg>"
    )
    return svg.encode("ascii", "xmlcharrefreplace").decode("ascii")


def _text(x: float, y: float, text: str, size: int, bold: bool = False, color: str = INK, anchor: str = "start") -> str:
    weight = " font-weight='700'" if bold else ""
    return (
        f"<text x='{x:.1f}' y='{y:.1f}' font-size='{size}' fill='{color}'{weight} text-anchor='{anchor}'>"
        f"{escape(text)}</text>"
    )


def _bar(role: str, x: float, y: float, width: float, height: float) -> str:
    pattern = ROLE_PATTERN[role]
    fill = f"url(#{pattern})" if pattern else ROLE_FILL[role]
    return (
        f"<rect x='{x:.1f}' y='{y:.1f}' width='{max(width, 1):.1f}' height='{height}' fill='{fill}' "
        f"stroke='{ROLE_FILL[role]}'/>"
    )


def _arrow(x: float, y: float, height: float, color: str) -> str:
    """An open end: the range goes on past its upper figure."""
    return f"<path d='M{x + 1:.1f},{y - 2:.1f} l8,{height / 2 + 2:.1f} l-8,{height / 2 + 2:.1f} z' fill='{color}'/>"

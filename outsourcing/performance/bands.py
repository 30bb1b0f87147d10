"""Thresholds and grades (PRF-1, PRF-2, PRF-6): a KPI's 2–5 bands over its range, each red, amber or green with
the score it earns, and an SLA's grade bands over the total score. Checked here once, used by the KPI library,
the SLA versions and the evaluation alike.

A band is {"from": "90", "to": "100", "rating": "green", "score": "100"}: values from `from` up to `to` (the
last band includes its `to`). The bands are sorted, start at the KPI's minimum, end at its maximum, and meet
without gap or overlap; the target lies in a green band; for a higher-is-better KPI the best band is the top
one, for a lower-is-better one the bottom one."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.core.errors import RuleViolation
from outsourcing.performance.errors import ErrorCode

RATINGS = {"green": gettext_lazy("Green"), "amber": gettext_lazy("Amber"), "red": gettext_lazy("Red")}
RATING_ORDER = {"red": 0, "amber": 1, "green": 2}


def _number(value, what) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise RuleViolation(ErrorCode.THRESHOLDS, _("“%(value)s” is not a number (%(what)s).")
                            % {"value": value, "what": what}, field="thresholds") from exc  # fmt: skip
    if not number.is_finite():
        raise RuleViolation(ErrorCode.THRESHOLDS, _("“%(value)s” is not a number (%(what)s).")
                            % {"value": value, "what": what}, field="thresholds")  # fmt: skip
    return number


def parse_bands(text: str) -> list[dict]:
    """Bands typed one per line as `from to rating score` (e.g. `90 100 green 100`), as the forms accept them."""
    bands = []
    for line in (text or "").splitlines():
        parts = line.replace("~", " ").replace("～", " ").replace(",", " ").split()
        if not parts:
            continue
        if len(parts) != 4:
            raise RuleViolation(ErrorCode.THRESHOLDS, _("Write each band as “from to rating score”, e.g. "
                                                        "“90 100 green 100”: %(line)s") % {"line": line.strip()},
                                field="thresholds")  # fmt: skip
        bands.append({"from": parts[0], "to": parts[1], "rating": parts[2].lower(), "score": parts[3]})
    return bands


def bands_text(bands: list[dict]) -> str:
    return "\n".join(f"{b['from']} {b['to']} {b['rating']} {b['score']}" for b in bands or [])


def check_bands(bands: list[dict], *, minimum: Decimal, maximum: Decimal, target: Decimal | None,
                direction: str) -> list[dict]:  # fmt: skip
    """The bands normalised (numbers as strings), or RuleViolation: 2–5 bands, no gap or overlap, the whole
    range covered, the target in a green band, the best band at the right end for the direction."""
    if not isinstance(bands, list) or not 2 <= len(bands) <= 5:
        raise RuleViolation(ErrorCode.THRESHOLDS, _("Give 2 to 5 threshold bands."), field="thresholds")
    clean = []
    for band in bands:
        if not isinstance(band, dict):
            raise RuleViolation(ErrorCode.THRESHOLDS, _("Give 2 to 5 threshold bands."), field="thresholds")
        low, high = _number(band.get("from"), _("from")), _number(band.get("to"), _("to"))
        score = _number(band.get("score"), _("score"))
        rating = str(band.get("rating", "")).strip().lower()
        if rating not in RATINGS:
            raise RuleViolation(ErrorCode.THRESHOLDS, _("A band is rated green, amber or red, not “%(rating)s”.")
                                % {"rating": rating}, field="thresholds")  # fmt: skip
        if not Decimal(0) <= score <= Decimal(100):
            raise RuleViolation(ErrorCode.THRESHOLDS, _("A band's score lies between 0 and 100."), field="thresholds")
        if high <= low:
            raise RuleViolation(ErrorCode.THRESHOLDS, _("The band %(low)s–%(high)s ends before it starts.")
                                % {"low": low, "high": high}, field="thresholds")  # fmt: skip
        clean.append((low, high, rating, score))
    clean.sort(key=lambda b: b[0])
    if clean[0][0] != minimum or clean[-1][1] != maximum:
        raise RuleViolation(ErrorCode.THRESHOLDS, _("The bands must cover the KPI's whole range, %(min)s to %(max)s.")
                            % {"min": minimum, "max": maximum}, field="thresholds")  # fmt: skip
    for before, after in zip(clean, clean[1:], strict=False):
        if after[0] < before[1]:
            raise RuleViolation(ErrorCode.THRESHOLDS, _("The bands %(a)s and %(b)s overlap.")
                                % {"a": f"{before[0]}–{before[1]}", "b": f"{after[0]}–{after[1]}"},
                                field="thresholds")  # fmt: skip
        if after[0] > before[1]:
            raise RuleViolation(ErrorCode.THRESHOLDS, _("Between %(a)s and %(b)s no band applies: close the gap.")
                                % {"a": before[1], "b": after[0]}, field="thresholds")  # fmt: skip
    if not any(b[2] == "green" for b in clean):
        raise RuleViolation(ErrorCode.THRESHOLDS, _("One band at least is green: the target band."),
                            field="thresholds")  # fmt: skip
    if target is not None:
        found = band_of(_as_dicts(clean), target)
        if found is None or found["rating"] != "green":
            raise RuleViolation(ErrorCode.THRESHOLDS, _("The target %(target)s must lie in a green band.")
                                % {"target": target}, field="thresholds")  # fmt: skip
    best = max(b[3] for b in clean)
    if direction == "higher" and clean[-1][3] != best:
        raise RuleViolation(ErrorCode.THRESHOLDS, _("Higher is better: the top band must score highest."),
                            field="thresholds")  # fmt: skip
    if direction == "lower" and clean[0][3] != best:
        raise RuleViolation(ErrorCode.THRESHOLDS, _("Lower is better: the bottom band must score highest."),
                            field="thresholds")  # fmt: skip
    return _as_dicts(clean)


def _as_dicts(clean) -> list[dict]:
    return [{"from": str(low), "to": str(high), "rating": rating, "score": str(score)}
            for low, high, rating, score in clean]  # fmt: skip


def band_of(bands: list[dict], value: Decimal) -> dict | None:
    """The band `value` falls in ([from, to), the last band with its `to`), or None outside the range."""
    return band_finder(bands)(value)


def band_finder(bands: list[dict]):
    """`band_of` for many values of the same bands (a scorecard's hundreds of cells): the bounds read once."""
    bounds = [(Decimal(band["from"]), Decimal(band["to"]), band) for band in bands]
    last = len(bounds) - 1

    def find(value: Decimal) -> dict | None:
        for index, (low, high, band) in enumerate(bounds):
            if low <= value < high or (index == last and value == high):
                return band
        return None

    return find


# --- grades of an SLA (PRF-2, PRF-6)

DEFAULT_GRADES = [{"grade": "A", "min": "90"}, {"grade": "B", "min": "80"}, {"grade": "C", "min": "60"},
                  {"grade": "D", "min": "0"}]  # fmt: skip


def parse_grades(text: str) -> list[dict]:
    """Grades typed as `A 90` one per line (or `A:90, B:80`)."""
    grades = []
    for chunk in (text or "").replace(",", "\n").replace("，", "\n").splitlines():
        parts = chunk.replace(":", " ").replace("：", " ").split()
        if not parts:
            continue
        if len(parts) != 2:
            raise RuleViolation(ErrorCode.GRADES, _("Write each grade as “A 90” (the grade and its lowest score)."),
                                field="grades")  # fmt: skip
        grades.append({"grade": parts[0], "min": parts[1]})
    return grades


def check_grades(grades: list[dict]) -> list[dict]:
    if not isinstance(grades, list) or not 2 <= len(grades) <= 6:
        raise RuleViolation(ErrorCode.GRADES, _("Give 2 to 6 grades."), field="grades")
    clean = []
    for grade in grades:
        name = str(grade.get("grade", "")).strip()[:10] if isinstance(grade, dict) else ""
        if not name:
            raise RuleViolation(ErrorCode.GRADES, _("Each grade has a name."), field="grades")
        try:
            low = Decimal(str(grade.get("min")).strip())
        except (InvalidOperation, ValueError) as exc:
            raise RuleViolation(ErrorCode.GRADES, _("Each grade has its lowest score, 0 to 100."),
                                field="grades") from exc  # fmt: skip
        if not low.is_finite() or not 0 <= low <= 100:
            raise RuleViolation(ErrorCode.GRADES, _("Each grade has its lowest score, 0 to 100."), field="grades")
        clean.append((low, name))
    clean.sort(reverse=True)
    if len({low for low, _n in clean}) != len(clean) or len({n for _l, n in clean}) != len(clean):
        raise RuleViolation(ErrorCode.GRADES, _("Each grade has its own name and lowest score."), field="grades")
    if clean[-1][0] != 0:
        raise RuleViolation(ErrorCode.GRADES, _("The lowest grade starts at 0, so every total has a grade."),
                            field="grades")  # fmt: skip
    return [{"grade": name, "min": str(low)} for low, name in clean]


def grade_of(grades: list[dict], total: Decimal) -> str:
    for grade in grades:  # highest first
        if total >= Decimal(grade["min"]):
            return grade["grade"]
    return ""

"""The open registry of settlement line types (SET-3, PTN-2): each a code, a label and a sign.

The settlements app registers its own types in AppConfig.ready(); a later app (partnership: gain sharing)
adds its own the same way, without a line changed here:

    from outsourcing.settlements.lines import register_line_type
    register_line_type("gain_sharing", _("Gain sharing"), +1)

A sign of +1 is a bonus (the amount is positive), -1 a deduction (negative, counted against the cap), 0 either
(a correction after payment, a credit or a debit). A type that is not `manual` is written only by its app's
service (gain sharing: from a confirmed saving, once), never typed in on the settlement's page.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LineType:
    code: str
    label: object
    sign: int  # +1 bonus, -1 deduction, 0 either
    manual: bool = True


_types: dict[str, LineType] = {}


def register_line_type(code: str, label, sign: int, *, manual: bool = True) -> LineType:
    if sign not in (-1, 0, 1):
        raise ValueError(f"a line type's sign is -1, 0 or +1, not {sign!r}")
    line_type = LineType(code, label, sign, manual)
    _types[code] = line_type
    return line_type


def line_type(code: str) -> LineType | None:
    return _types.get(code)


def line_types() -> list[LineType]:
    return list(_types.values())


def line_type_choices() -> list[tuple[str, str]]:
    return [(t.code, str(t.label)) for t in _types.values() if t.manual]


def label_of(code: str) -> str:
    found = _types.get(code)
    return str(found.label) if found else code

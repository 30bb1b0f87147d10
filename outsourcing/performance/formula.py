"""A KPI's calculation (PRF-1): an arithmetic expression over the KPI's named inputs, e.g.
`answered / offered * 100`. Parsed with Python's `ast` and walked over a whitelist of nodes — numbers, the
declared input names, + - * /, unary minus, parentheses and min(), max(), abs() — in Decimal arithmetic. Nothing
is ever handed to eval(): a name that is not an input, an attribute, a subscript, a call of anything else or a
comparison is refused when the KPI is saved, so the library holds only expressions that can be computed."""

from __future__ import annotations

import ast
from decimal import Decimal, DivisionByZero, InvalidOperation

from django.utils.translation import gettext as _

from outsourcing.core.errors import RuleViolation
from outsourcing.performance.errors import ErrorCode

MAX_LENGTH = 300
MAX_NODES = 60
FUNCTIONS = {"min": min, "max": max, "abs": abs}
OPERATORS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
             ast.Div: lambda a, b: a / b}  # fmt: skip
NAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_")


def _refuse(message) -> RuleViolation:
    return RuleViolation(ErrorCode.FORMULA, message, field="formula")


def check_input_names(names: list[str]) -> list[str]:
    """Input names: lower-case letters, digits and _, starting with a letter; no name twice, at most 8."""
    cleaned = [n.strip() for n in names if n and n.strip()]
    if not cleaned:
        raise RuleViolation(ErrorCode.FORMULA, _("Name at least one input of the calculation."), field="inputs")
    if len(cleaned) > 8 or len(set(cleaned)) != len(cleaned):
        raise RuleViolation(ErrorCode.FORMULA, _("Give at most 8 inputs, each name once."), field="inputs")
    for name in cleaned:
        if not (name[0].isalpha() and name[0].isascii() and set(name) <= NAME_CHARS) or name in FUNCTIONS:
            raise RuleViolation(ErrorCode.FORMULA, _("“%(name)s” is not an input name: use lower-case letters, "
                                                     "digits and _ (e.g. answered_calls).") % {"name": name},
                                field="inputs")  # fmt: skip
    return cleaned


def parse(expression: str, inputs: list[str]) -> ast.Expression:
    """The expression's tree, or RuleViolation naming what is not allowed."""
    text = (expression or "").strip()
    if not text:
        raise _refuse(_("Write the calculation, e.g. answered / offered * 100."))
    if len(text) > MAX_LENGTH:
        raise _refuse(_("A calculation is at most %(n)s characters.") % {"n": MAX_LENGTH})
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError) as exc:
        raise _refuse(_("The calculation cannot be read: %(expr)s") % {"expr": text}) from exc
    nodes = list(ast.walk(tree))
    if len(nodes) > MAX_NODES:
        raise _refuse(_("The calculation is too long."))
    allowed = set(inputs)
    for node in nodes:
        if isinstance(node, (ast.Expression, ast.Load, ast.BinOp, ast.UnaryOp, ast.USub, ast.UAdd, *OPERATORS)):
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            continue
        if isinstance(node, ast.Name):
            if node.id in allowed or node.id in FUNCTIONS:
                continue
            raise _refuse(_("“%(name)s” is not one of the inputs (%(inputs)s).")
                          % {"name": node.id, "inputs": ", ".join(inputs)})  # fmt: skip
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS \
                and not node.keywords and node.args:  # fmt: skip
            continue
        raise _refuse(_("Only numbers, the inputs, + − × ÷, parentheses and min, max, abs are allowed."))
    for node in nodes:
        if isinstance(node, ast.Name) and node.id in FUNCTIONS:
            parents = [p for p in nodes if isinstance(p, ast.Call) and p.func is node]
            if not parents:
                raise _refuse(_("“%(name)s” is a function: write %(name)s(a, b).") % {"name": node.id})
    return tree


def evaluate(expression: str, values: dict[str, Decimal]) -> Decimal:
    """The expression's value for the inputs given; RuleViolation for a missing input or a division by zero."""
    tree = parse(expression, list(values))

    def walk(node) -> Decimal:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant):
            return Decimal(str(node.value))
        if isinstance(node, ast.Name):
            return Decimal(values[node.id])
        if isinstance(node, ast.UnaryOp):
            value = walk(node.operand)
            return -value if isinstance(node.op, ast.USub) else value
        if isinstance(node, ast.BinOp):
            return OPERATORS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.Call):
            return Decimal(FUNCTIONS[node.func.id](*(walk(arg) for arg in node.args)))
        raise _refuse(_("Only numbers, the inputs, + − × ÷, parentheses and min, max, abs are allowed."))

    try:
        return walk(tree)
    except (ZeroDivisionError, DivisionByZero, InvalidOperation) as exc:
        raise RuleViolation(ErrorCode.OUT_OF_RANGE, _("The calculation divides by zero with these inputs: "
                                                      "check the figures."), field="inputs") from exc  # fmt: skip


def used_names(expression: str, inputs: list[str]) -> set[str]:
    tree = parse(expression, inputs)
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id not in FUNCTIONS}

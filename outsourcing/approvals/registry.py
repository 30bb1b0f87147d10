"""Which document types plug into the approval engine, and the protocol they follow.

A domain app registers its document model in AppConfig.ready(); the engine never imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol, runtime_checkable


@runtime_checkable
class Approvable(Protocol):
    """What a document tells the engine and how it hears the outcome (called inside the transaction)."""

    pk: int

    def approval_title(self) -> str: ...

    def approval_amount(self) -> Decimal | None: ...

    def approval_department(self): ...  # org.Department or None

    def get_absolute_url(self) -> str: ...

    # How the document hears the outcome and may refuse an approval is declared on its DocumentKind
    # (`finished`, `blockers`), not here, so a model never reaches back into its app's services.
    # Optional: `approval_categories() -> set[str]`: the document's category codes, for steps that apply
    # only to some categories (WF-1); a document without it has no category.


@dataclass(frozen=True)
class StepSpec:
    """One step of a default flow: (position, name, role, scope, condition)."""

    position: int
    name: str
    role: str
    scope: str = "company"
    condition: str = "always"


@dataclass(frozen=True)
class DocumentKind:
    code: str
    label: str
    model: type
    matrix_document_type: str = ""
    default_steps: tuple[StepSpec, ...] = field(default_factory=tuple)
    # The document's hooks, declared with its kind (the app's service functions, so no model reaches back
    # into its own services): `finished(document, *, outcome, actor)` hears the outcome inside the deciding
    # transaction; `blockers(document, *, role) -> list[Reason]` may refuse an approval at a step.
    finished: Callable = None  # required; a kind without it cannot hear its outcome
    blockers: Callable | None = None


_kinds: dict[str, DocumentKind] = {}
_category_choices: list = []  # one callable () -> [(code, label)], set by the app that owns the categories


def set_category_choices(source) -> None:
    """The categories a flow step may be limited to (WF-1); the engine does not know what they are."""
    _category_choices[:] = [source]


def category_choices() -> list[tuple[str, str]]:
    return list(_category_choices[0]()) if _category_choices else []


def register(kind: DocumentKind) -> None:
    if kind.finished is None:
        raise ValueError(f"{kind.code}: declare `finished` on the kind, the hook that hears the approval's outcome")
    _kinds[kind.code] = kind


def kinds() -> list[DocumentKind]:
    return sorted(_kinds.values(), key=lambda k: k.code)


def kind_named(code: str) -> DocumentKind:
    return _kinds[code]


def kind_for(document) -> DocumentKind:
    for kind in _kinds.values():
        if isinstance(document, kind.model):
            return kind
    raise LookupError(f"{type(document).__name__} is not registered with the approval engine")

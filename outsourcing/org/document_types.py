"""The document types whose approval levels the authority matrix decides (授权体系), contributed by the apps.

Org comes first in the lifecycle and knows no domain document: each app that has a document approved by
amount registers its type in `AppConfig.ready()` (a demand, an award, a contract, a settlement …), and the
matrix's pages, its checks and the approval flows offer what is registered. Adding an app adds no line and
no migration here.
"""

from __future__ import annotations

from django.utils.functional import Promise

_types: dict[str, Promise | str] = {}


def register_document_type(code: str, label: Promise | str) -> str:
    """Register a document type of the matrix; answers its code, for the app's own approval kind."""
    _types[code] = label
    return code


def is_document_type(code: str) -> bool:
    return code in _types


def document_type_choices() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in _types.items()]


def document_type_label(code: str) -> str:
    """The type's name in the reader's language; a type no app registers any more shows its code."""
    label = _types.get(code)
    return str(label) if label is not None else code

"""Bidirectional control characters (security finding 6): U+202E (RIGHT-TO-LEFT OVERRIDE) and its kin make a
name or title read differently from what is stored — "陈晓‮gpj.exe" shows as "陈晓exe.jpg". No name, title or
text of ours needs them (Chinese and English are written left to right), so they are taken out of every text
field of our models before it is saved, whichever way it came in: page, API or import."""

from __future__ import annotations

from django.db import models

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_TABLE = dict.fromkeys(map(ord, CONTROLS))


def without_controls(text: str) -> str:
    return text.translate(_TABLE)


def strip_controls(sender, instance, **kwargs) -> None:
    """pre_save receiver for the models of our apps."""
    if not sender.__module__.startswith("outsourcing."):
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and any(c in value for c in CONTROLS):
                setattr(instance, field.attname, without_controls(value))

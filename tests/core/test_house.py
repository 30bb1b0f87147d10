"""X-4 and the house rules the platform promises: no CDN, vendored assets as recorded, compiled
catalogues, settings from the environment."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([PY, *args], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)


def test_vendored_static_files_match_their_recorded_checksums():
    """Every CSS/JS file taken from npm is byte-for-byte what VENDORED.json records."""
    result = run("scripts/vendor_static.py", "--check")
    assert result.returncode == 0, result.stdout


def test_no_page_loads_anything_from_another_host():
    """Nothing may load from a CDN at run time."""
    offenders = []
    for path in (ROOT / "outsourcing").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"""(?:src|href)=["'](https?:)?//""", text):
            offenders.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert offenders == []


def test_compiled_chinese_catalogue_is_up_to_date():
    """X-4: a fresh install shows Chinese without GNU gettext: the committed .mo matches the .po."""
    result = run("scripts/compile_messages.py", "--check")
    assert result.returncode == 0, result.stdout


def test_chinese_catalogue_is_complete():
    """X-4: every interface string has a Chinese translation."""
    import polib

    catalogue = polib.pofile(str(ROOT / "outsourcing/locale/zh_Hans/LC_MESSAGES/django.po"))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def settings_env(**overrides) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"}}
    env.update(overrides)
    return env


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    """No hard-coded key in production: with DATABASE_URL set, SECRET_KEY must be given."""
    env = settings_env(DATABASE_URL="postgres://u@127.0.0.1/x", OUTSOURCING_VAR_DIR=str(tmp_path))
    result = run("-c", "import outsourcing.settings", env=env)
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_embedded_default_generates_and_keeps_its_own_key(tmp_path):
    """The embedded default makes a random key once and reuses it; DEBUG is off unless asked."""
    env = settings_env(OUTSOURCING_VAR_DIR=str(tmp_path))
    code = "import outsourcing.settings as s; print(s.SECRET_KEY); print(s.DEBUG)"
    first, second = run("-c", code, env=env), run("-c", code, env=env)
    key, debug = first.stdout.split()
    assert len(key) >= 50 and debug == "False"
    assert second.stdout.split()[0] == key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    other = run("-c", code, env=settings_env(OUTSOURCING_VAR_DIR=str(tmp_path / "other")))
    assert other.stdout.split()[0] != key


@pytest.mark.django_db
def test_migrations_are_committed():
    """Model changes always come with their migration."""
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_every_field_of_our_models_is_named_in_the_readers_language():
    """X-4, AUD-2: the audit trail and the forms label fields by their verbose names; a field left without a
    translatable one shows up in English (“Candidate”, “Checked by”) on a Chinese page."""
    from django.apps import apps
    from django.utils.functional import Promise

    unnamed = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("outsourcing.")
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False) and not field.auto_created and not isinstance(field.verbose_name, Promise)
    ]
    assert unnamed == []

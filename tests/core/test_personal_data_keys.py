"""WRK-2: a server does not start without working keys for personal data."""

from django.test import override_settings

from outsourcing.core.apps import personal_data_keys_check


def test_missing_or_broken_keys_stop_the_system_check():
    """WRK-2: no keys, a key that is not a Fernet key, a short hash key: each is an error of `manage.py check`."""
    with override_settings(PERSONAL_DATA_KEYS=[], PERSONAL_DATA_HASH_KEY=""):
        assert len(personal_data_keys_check()) == 2
    with override_settings(PERSONAL_DATA_KEYS=["not-a-key"]):
        assert [e.id for e in personal_data_keys_check()] == ["outsourcing.E001"]
    assert personal_data_keys_check() == []  # the test settings' keys work

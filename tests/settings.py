"""Test settings: the real settings with a fast password hasher and plain static files."""

from outsourcing.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# A document type that lives in the tests and plugs into the engines (approvals, attachments, audit).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]  # noqa: F405
ROOT_URLCONF = "tests.urls"

# Fixed keys for personal data (WRK-2), so both databases and every worker process agree.
PERSONAL_DATA_KEYS = ["N2uVXHmF0m1BKdeJk8nT5p0jJ0cAUwqz6yQk0sN9vJ8="]
PERSONAL_DATA_HASH_KEY = "test-personal-data-hash-key-0123456789"

"""Messages Django itself shows whose Chinese translation Django's own catalogue lacks.

Django 5.2 changed some msgids (e.g. the password-length message now uses %d) without updating every
translation; listing them here lets `make messages` extract them into our catalogue, which Django
consults first, so the login and account pages stay Chinese (X-4).
"""

from django.utils.translation import ngettext_lazy

PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "min_length",
)

"""Values the base layout needs on every page."""

from django.conf import settings


def layout(request):
    return {
        "SYSTEM_NAME": "劳务外包管理系统",
        "LANGUAGE_CHOICES": settings.LANGUAGES,
    }

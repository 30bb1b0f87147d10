"""Factories for the inbox."""

import factory

from outsourcing.notifications.models import Level, Notification
from tests.org.factories import UserFactory


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"测试通知{n}")
    body = "请及时处理。"
    url = "/org/users/"
    level = Level.INFO
    dedup_key = factory.Sequence(lambda n: f"test:{n}")


__all__ = ["NotificationFactory"]

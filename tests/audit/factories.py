"""Factories for the audit tests: a document that plugs into the trail, and entries at a chosen time."""

import factory
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from outsourcing.org.models import Department, User
from tests.testapp.models import SampleDocument


class SampleDocumentFactory(factory.django.DjangoModelFactory):
    """Creating one records its creation in the trail (testapp registers the model with auditlog)."""

    class Meta:
        model = SampleDocument

    title = factory.Sequence(lambda n: f"示例单据{n}")
    department = factory.LazyFunction(lambda: Department.objects.get(code="OPS-CS"))
    author = factory.LazyFunction(lambda: User.objects.get(username="requester"))


class LogEntryFactory(factory.django.DjangoModelFactory):
    """An entry written directly, for a time in the past: LogEntryFactory(record=doc, timestamp=…)."""

    class Meta:
        model = LogEntry
        exclude = ["record"]

    record = factory.SubFactory(SampleDocumentFactory)
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.record))
    object_pk = factory.LazyAttribute(lambda o: str(o.record.pk))
    object_id = factory.LazyAttribute(lambda o: o.record.pk)
    object_repr = factory.LazyAttribute(lambda o: str(o.record))
    action = LogEntry.Action.UPDATE
    changes = factory.LazyAttribute(lambda o: {"title": ["旧标题", str(o.record)]})

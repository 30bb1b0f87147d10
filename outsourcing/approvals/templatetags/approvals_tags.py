"""{% approval_timeline document %}: every round of a document's approval, decision by decision."""

from django import template

from outsourcing.approvals import selectors
from outsourcing.approvals.models import TaskStatus

register = template.Library()


@register.inclusion_tag("approvals/_timeline.html", takes_context=True)
def approval_timeline(context, document):
    """The timeline, and the decision form for any step the viewer may decide right now."""
    timeline = selectors.timeline(document=document)
    request = context.get("request")
    user = getattr(request, "user", None)
    mine = []
    if timeline.request is not None and user is not None and user.is_authenticated:
        for task in timeline.rounds[0].tasks if timeline.rounds else []:
            if task.status == TaskStatus.PENDING and selectors.acting_principal(user, task):
                task.request = timeline.request
                mine.append(task)
    return {"timeline": timeline, "request": request, "my_tasks": mine, "csrf_token": context.get("csrf_token")}

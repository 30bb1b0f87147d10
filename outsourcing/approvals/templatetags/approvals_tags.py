"""{% approval_timeline document %}: every round of a document's approval, decision by decision."""

from django import template

from outsourcing.approvals import selectors

register = template.Library()


@register.inclusion_tag("approvals/_timeline.html", takes_context=True)
def approval_timeline(context, document):
    return {"timeline": selectors.timeline(document=document), "request": context.get("request")}

"""Reads of the approval engine: my inbox, who may act on a task, a document's timeline."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet

from outsourcing.approvals.models import ApprovalFlow, ApprovalRequest, ApprovalTask, Delegation, TaskStatus
from outsourcing.core.timeutil import today
from outsourcing.org.models import DEPARTMENT_SCOPED_ROLES, User
from outsourcing.org.permissions import holds_role_for
from outsourcing.org.selectors import subtree_ids


def active_delegations_to(user, *, on=None) -> QuerySet:
    """Delegations in force today in which `user` is the delegate."""
    day = on or today()
    return (
        Delegation.objects.filter(delegate=user, cancelled=False, start_date__lte=day, end_date__gte=day)
        .select_related("delegator")
        .order_by("start_date")
    )


def principals_for(user) -> list[User]:
    """The user, then everyone the user stands in for today (active internal users only).

    Read once per user object (a request's user is one object), because permission checks ask often.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.is_vendor_user:
        return []
    cached = getattr(user, "_principals_cache", None)
    if cached is not None and cached[0] == today():
        return cached[1]
    delegators = [
        d.delegator
        for d in active_delegations_to(user).prefetch_related("delegator__role_assignments__department")
        if d.delegator.is_active
    ]
    principals = [user, *delegators]
    user._principals_cache = (today(), principals)
    return principals


def _person_scope(person: User) -> Q | None:
    """Tasks one person's roles cover: company-wide roles by role; scoped roles by role and the department
    subtree they hold it for; never that person's own submissions."""
    condition = None
    scoped: dict[str, set[int]] = {}
    for assignment in person.role_assignments_cached:
        if assignment.role in DEPARTMENT_SCOPED_ROLES:
            scoped.setdefault(assignment.role, set()).add(assignment.department_id)
        else:
            condition = Q(role=assignment.role) if condition is None else condition | Q(role=assignment.role)
    for role, department_ids in scoped.items():
        part = Q(role=role, department_id__in=subtree_ids(department_ids))
        condition = part if condition is None else condition | part
    return None if condition is None else condition & ~Q(request__submitter=person)


def _scope_filter(people: list[User]) -> Q | None:
    condition = None
    for person in people:
        part = _person_scope(person)
        if part is not None:
            condition = part if condition is None else condition | part
    return condition


def tasks_in_scope(user) -> QuerySet:
    """Every task (any status) the user's roles, or their delegators', cover: what they may open."""
    condition = _scope_filter(principals_for(user))
    if condition is None:
        return ApprovalTask.objects.none()
    return ApprovalTask.objects.filter(condition)


def inbox(user) -> QuerySet:
    """Tasks waiting for the user's decision (待办), oldest first; never their own submissions."""
    return (
        tasks_in_scope(user)
        .filter(status=TaskStatus.PENDING)
        .exclude(request__submitter=user)
        .select_related(
            "request__submitter", "request__department", "request__content_type", "request__flow", "department"
        )
        .order_by("opened_at", "id")
    )


def _narrowed(tasks: QuerySet, *, document_type: str = "", text: str = "") -> QuerySet:
    if document_type:
        tasks = tasks.filter(request__flow__document_type=document_type)
    if text:
        tasks = tasks.filter(request__title__icontains=text)
    return tasks


def waiting_for_me(user, *, document_type: str = "", text: str = "") -> QuerySet:
    """待我处理: the inbox, narrowed by document kind and by words of the title."""
    return _narrowed(inbox(user), document_type=document_type, text=text)


def decided_by_me(user, *, document_type: str = "", text: str = "") -> QuerySet:
    """我已处理: the steps the user decided (themselves or for someone they stand in for), newest first."""
    tasks = ApprovalTask.objects.filter(decided_by=user).select_related(
        "request__submitter", "request__department", "request__content_type", "request__flow", "department",
        "on_behalf_of", "decided_by",
    ).prefetch_related("request__document")  # fmt: skip
    return _narrowed(tasks, document_type=document_type, text=text).order_by("-decided_at", "-id")


def submitted_by_me(user, *, document_type: str = "", text: str = "") -> QuerySet:
    """我发起的: the approvals the user submitted, newest first, with the step each is waiting at."""
    requests = (
        ApprovalRequest.objects.filter(submitter=user)
        .select_related("flow", "department", "content_type")
        .prefetch_related("document")
    )
    if document_type:
        requests = requests.filter(flow__document_type=document_type)
    if text:
        requests = requests.filter(title__icontains=text)
    waiting = ApprovalTask.objects.filter(status=TaskStatus.PENDING).select_related("department").order_by("id")
    return requests.prefetch_related(Prefetch("tasks", queryset=waiting, to_attr="waiting_steps")).order_by(
        "-submitted_at", "-id"
    )


def document_kinds() -> list[tuple[str, str]]:
    """(document type, flow name) of every flow: the approval centre's kind filter."""
    return list(ApprovalFlow.objects.order_by("name").values_list("document_type", "name"))


def inbox_count(user) -> int:
    return inbox(user).count()


def acting_principal(user, task: ApprovalTask) -> User | None:
    """Whom the user acts as on this task: themselves, a delegator, or None (may not act).

    Nobody acts on their own submission, not even as someone's delegate.
    """
    submitter_id = task.request.submitter_id
    if user.pk == submitter_id:
        return None
    for principal in principals_for(user):
        if principal.pk != submitter_id and holds_role_for(principal, task.role, task.department):
            return principal
    return None


@dataclass
class Round:
    number: int
    tasks: list[ApprovalTask] = field(default_factory=list)


@dataclass
class Timeline:
    request: ApprovalRequest | None
    rounds: list[Round]


def request_for(document) -> ApprovalRequest | None:
    content_type = ContentType.objects.get_for_model(document)
    return (
        ApprovalRequest.objects.filter(content_type=content_type, object_id=document.pk)
        .select_related("submitter", "flow", "matrix_version")
        .first()
    )


def timeline(*, document) -> Timeline:
    """Every round of the document's approval, newest round first, with who decided what and when."""
    request = request_for(document)
    if request is None:
        return Timeline(request=None, rounds=[])
    rounds: dict[int, Round] = {}
    tasks = request.tasks.select_related("decided_by", "on_behalf_of", "department").order_by("round", "position", "id")
    for task in tasks:
        rounds.setdefault(task.round, Round(task.round)).tasks.append(task)
    return Timeline(request=request, rounds=sorted(rounds.values(), key=lambda r: -r.number))


def flows() -> QuerySet:
    return ApprovalFlow.objects.prefetch_related("steps__department").order_by("document_type")


def my_delegations(user) -> QuerySet:
    return (
        Delegation.objects.filter(Q(delegator=user) | Q(delegate=user))
        .select_related("delegator", "delegate")
        .order_by("-start_date", "-id")
    )

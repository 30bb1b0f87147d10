"""Demo notifications: a welcome notice in each demo person's inbox, and today's reminders for admin.

Idempotent through dedup keys, and in-app only (so `make run` prints no e-mails to the console).
"""

from __future__ import annotations

import dataclasses

from django.urls import reverse
from django.utils import translation

from outsourcing.core import timeutil
from outsourcing.core.notices import Notice
from outsourcing.notifications import services
from outsourcing.org import reminders as org_reminders
from outsourcing.org.demo import USERS as DEMO_USERS
from outsourcing.org.models import ROLE_DUTIES, Role, User


def _welcome(user: User) -> Notice:
    roles = sorted(user.role_assignments.all(), key=lambda a: list(Role.values).index(a.role))
    labels = "、".join(str(a) for a in roles) or "尚未分配角色"
    duty = str(ROLE_DUTIES.get(roles[0].role, "")) if roles else "请联系系统管理员为您分配角色。"
    return Notice(
        recipient_id=user.pk,
        title="欢迎使用劳务外包管理系统",
        body=f"{user.get_full_name()}，您好！您在系统中的角色：{labels}。{duty}",
        url=reverse("dashboard:home"),
        dedup_key="demo:welcome",
        email=False,
    )


def load(*, stdout=None) -> None:
    say = stdout.write if stdout else (lambda _msg: None)
    with translation.override("zh-hans"):
        people = User.objects.filter(username__in=[u[0] for u in DEMO_USERS]).prefetch_related(
            "role_assignments__department"
        )
        notices = [_welcome(user) for user in people]
        admin = User.objects.filter(username="admin").first()
        if admin:
            reminders = org_reminders.accounts_without_role(timeutil.today())
            notices += [dataclasses.replace(n, email=False) for n in reminders if n.recipient_id == admin.pk]
        created = services.deliver(notices)
    say(f"notifications: {created} new")

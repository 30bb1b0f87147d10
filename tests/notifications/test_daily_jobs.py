"""X-2: the daily job runs every registered check, records each run, and running it twice on one day
sends nothing twice."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from outsourcing.core import notices
from outsourcing.core.notices import Notice, daily_check, send
from outsourcing.notifications import services
from outsourcing.notifications.models import DailyJobRun, Notification
from outsourcing.org.models import Role
from tests.org.factories import UserFactory

pytestmark = pytest.mark.django_db

CHECK = "org.account_without_role"
MONDAY, TUESDAY = dt.date(2026, 11, 23), dt.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def only_this_engines_check(monkeypatch):
    """Other apps register checks of their own; these tests run this engine's check alone."""
    monkeypatch.setattr(notices, "_daily_checks", {CHECK: notices.daily_checks()[CHECK]})


@pytest.fixture
def account_without_role(demo):
    return UserFactory(username="newhire", full_name="新员工", email="newhire@example.cn")


@pytest.fixture
def broken_check(demo):
    """A check that delivers a notice and then fails; it sorts before the real one, so it runs first."""

    @daily_check("00-tests.broken")
    def broken(today):
        send([Notice(recipient_id=demo.hr.pk, title="半途而废", dedup_key=f"broken:{today}")])
        raise RuntimeError("the vendor register is unreachable")

    yield broken
    notices._daily_checks.pop("00-tests.broken")  # the autouse fixture restores the registry as well


def reminders_for(user):
    return Notification.objects.filter(recipient=user, dedup_key__startswith="account-without-role:")


def test_the_job_has_a_real_check_registered():
    """X-2: this engine registers its own check in ready(), so the job is not empty."""
    assert CHECK in notices.daily_checks()


def test_administrators_hear_daily_of_accounts_without_a_role(demo, account_without_role):
    """X-2: each active administrator gets one warning listing the accounts; nobody else does."""
    second_admin = UserFactory(roles=[Role.ADMIN], email="admin2@example.cn")
    former_admin = UserFactory(roles=[Role.ADMIN], is_active=False)
    runs = services.run_daily_jobs(today=MONDAY)
    assert [(r.name, r.notices_created, r.error) for r in runs] == [(CHECK, 2, "")]
    reminder = reminders_for(demo.admin).get()
    assert reminder.level == "warning" and reminder.url == "/org/users/"
    assert "新员工 (newhire)" in reminder.body
    assert reminders_for(second_admin).count() == 1
    assert not reminders_for(former_admin).exists() and not reminders_for(demo.hr).exists()


def test_no_reminder_when_every_account_has_a_role(demo):
    """X-2: the demo company is fully set up: nothing to say."""
    assert [r.notices_created for r in services.run_daily_jobs(today=MONDAY)] == [0]
    assert not Notification.objects.exists()


def test_running_twice_on_the_same_day_sends_nothing_twice(
    demo, account_without_role, django_capture_on_commit_callbacks
):
    """X-2: the second run the same day creates and e-mails nothing; the next day reminds again."""
    with django_capture_on_commit_callbacks(execute=True):
        first = services.run_daily_jobs(today=MONDAY)
        again = services.run_daily_jobs(today=MONDAY)
    assert first[0].notices_created == 1 and again[0].notices_created == 0
    assert reminders_for(demo.admin).count() == 1 and len(mail.outbox) == 1
    assert mail.outbox[0].to == ["admin@demo.example.cn"]

    with django_capture_on_commit_callbacks(execute=True):
        assert services.run_daily_jobs(today=TUESDAY)[0].notices_created == 1
    assert reminders_for(demo.admin).count() == 2 and len(mail.outbox) == 2
    # both runs of Monday and the one of Tuesday are on record for operators
    assert list(DailyJobRun.objects.filter(name=CHECK).values_list("run_date", "notices_created")) == [
        (TUESDAY, 1),
        (MONDAY, 0),
        (MONDAY, 1),
    ]


def test_a_failing_check_is_recorded_and_the_others_still_run(demo, account_without_role, broken_check):
    """X-2: the failure is stored with its error; what the failed check sent is rolled back with it;
    the next check runs and delivers."""
    runs = {r.name: r for r in services.run_daily_jobs(today=MONDAY)}
    broken = DailyJobRun.objects.get(name="00-tests.broken")
    assert broken.error == "RuntimeError: the vendor register is unreachable"
    assert broken.notices_created == 0 and broken.finished_at is not None and not broken.succeeded
    assert not Notification.objects.filter(title="半途而废").exists()
    assert runs[CHECK].succeeded and runs[CHECK].notices_created == 1
    assert reminders_for(demo.admin).exists()


def test_the_command_prints_each_check_and_fails_when_one_failed(demo, account_without_role, broken_check):
    """X-2: `manage.py run_daily_jobs` exits non-zero (CommandError → exit 1) if any check failed."""
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 2 daily checks failed for 2026-11-23: 00-tests.broken"):
        call_command("run_daily_jobs", "--date", "2026-11-23", stdout=out)
    assert "00-tests.broken: FAILED: RuntimeError: the vendor register is unreachable" in out.getvalue()
    assert f"{CHECK}: 1 new notices" in out.getvalue()


def test_the_command_runs_for_today_and_twice_is_harmless(demo, account_without_role):
    """X-2: without --date it runs for today in Asia/Shanghai; a second run reports 0 new."""
    from outsourcing.core.timeutil import today

    first, second = StringIO(), StringIO()
    call_command("run_daily_jobs", stdout=first)
    call_command("run_daily_jobs", stdout=second)
    assert f"{CHECK}: 1 new notices" in first.getvalue()
    assert f"{CHECK}: 0 new notices" in second.getvalue()
    assert f"1 daily checks done for {today()}" in second.getvalue()
    assert reminders_for(demo.admin).get().dedup_key == f"account-without-role:{today().isoformat()}"


def test_the_command_refuses_a_malformed_date(demo):
    """X-2"""
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("run_daily_jobs", "--date", "23/11/2026")
    assert not DailyJobRun.objects.exists()

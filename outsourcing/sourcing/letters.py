"""The formal documents of a selection, written from the recorded facts (SRC-7, X-5): the award notice
(中标通知书) to the winner, the result letter (结果通知书) to every other candidate, and the evaluation
report (评估报告). Always in the company's language: they are letters, whoever prints them."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.core.money import format_cny
from outsourcing.core.notices import company_language
from outsourcing.core.pdf import Letter, company_name, render
from outsourcing.core.text import plain_number
from outsourcing.sourcing.models import Award, Candidate, Criterion, SourcingEvent
from outsourcing.sourcing.scoring import Results


def _day(moment):
    return timezone.localtime(moment).date() if moment else None


def award_notice(award: Award) -> bytes:
    event, vendor = award.event, award.winner.vendor
    with company_language():
        letter = Letter(
            title=_("Award notice"),
            number=award.number,
            addressee=vendor.name,
            paragraphs=[
                _(
                    "Your company took part in the selection “%(title)s” (%(event)s, %(method)s). After the "
                    "independent scoring of the evaluation panel, commercial negotiation and approval under the "
                    "company's authority rules, your company is chosen to provide the service."
                )
                % {"title": event.title, "event": event.number, "method": event.get_method_display()},
                _(
                    "Please contact us within fifteen days of receiving this notice to sign the written outsourcing "
                    "service contract. The contract follows the company's standard template and the terms of the "
                    "invitation, your answer and the negotiation."
                ),
                _(
                    "As the employer of the people you assign, your company recruits them, signs their labour "
                    "contracts, pays their wages, social insurance and taxes, and directs their work; the company "
                    "accepts the service and its results."
                ),
            ],
            facts=[
                (_("Project"), f"{event.project.number} {event.project.name}"),
                (_("Service category"), event.category.name),
                (_("Awarded amount"), format_cny(award.amount)),
                (_("Service period"), f"{event.project.period_start:%Y-%m-%d} – {event.project.period_end:%Y-%m-%d}"),
                (_("Unified social credit code"), vendor.credit_code),
            ],
            sender=company_name(),
            date=_day(award.approved_at),
        )
    return render(letter)


def result_letter(candidate: Candidate, award: Award) -> bytes:
    event = candidate.event
    with company_language():
        if candidate.eliminated_at:
            outcome = _("Your answer did not pass the %(stage)s: %(reason)s") % {
                "stage": candidate.get_eliminated_at_display(),
                "reason": candidate.elimination_reason,
            }
        else:
            outcome = _("After the scoring and the approval, another candidate was chosen.")
        letter = Letter(
            title=_("Notice of the selection result"),
            number=f"{event.number}-{candidate.pk}",
            addressee=candidate.vendor.name,
            paragraphs=[
                _("Thank you for taking part in the selection “%(title)s” (%(event)s).")
                % {"title": event.title, "event": event.number},
                outcome,
                _(
                    "Your company remains in our qualified vendor pool and may be invited again. The documents you "
                    "gave us are kept confidential."
                ),
            ],
            facts=[(_("Project"), f"{event.project.number} {event.project.name}")],
            sender=company_name(),
            date=_day(award.approved_at),
        )
    return render(letter)


def evaluation_report(event: SourcingEvent, outcome: Results) -> bytes:
    with company_language():
        header = [_("Rank"), _("Vendor"), *[str(c.label) for c in Criterion], _("Total")]
        rows = [
            [str(row.rank), row.candidate.vendor.name, *[str(row.means[c.value]) for c in Criterion], str(row.total)]
            for row in outcome.rows
        ]
        eliminated = [
            f"{c.vendor.name}（{c.get_eliminated_at_display()}）：{c.elimination_reason}"
            for c in event.candidates.exclude(eliminated_at="").select_related("vendor")
        ]
        members = [
            f"{m.user.get_full_name()}（{m.get_discipline_display()}）"
            + (_(" — recused: conflict of interest") if m.has_conflict else "")
            for m in event.panel.select_related("user")
        ]
        outliers = [
            f"{line.member.user.get_full_name()} → {row.candidate.vendor.name}: {line.total}"
            for row in outcome.rows
            for line in row.lines
            if line.outlier
        ]
        weights = "，".join(f"{c.label} {plain_number(event.weights[c.value])}%" for c in Criterion)
        letter = Letter(
            title=_("Evaluation report"),
            number=event.number,
            addressee=_("Approvers of the award"),
            paragraphs=[
                _("Selection “%(title)s” for project %(project)s, by %(method)s; answers opened on %(opened)s.")
                % {
                    "title": event.title,
                    "project": event.project.number,
                    "method": event.get_method_display(),
                    "opened": f"{_day(event.opened_at):%Y-%m-%d}" if event.opened_at else "—",
                },
                _("Weights: %(weights)s. Price score = lowest valid quote ÷ this quote × 100.") % {"weights": weights},
                _("Panel: %(members)s.") % {"members": "、".join(members)},
                _("Eliminated: %(list)s.") % {"list": "；".join(eliminated) or _("none")},
                _("Scores far from the other members' (more than the outlier threshold): %(list)s.")
                % {"list": "；".join(outliers) or _("none")},
            ],
            table=[header, *rows],
            table_widths=(6, 30, *([11] * len(Criterion)), 10),
            sender=company_name(),
            date=timezone.localdate(),
        )
    return render(letter)

"""The approval state every approvable document shares, and the one step from the engine's outcome to it.

One set of values (draft → in approval → returned / rejected → approved) for every document an app
registers with the engine; its allowed moves are declared here once and checked by `move`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from outsourcing.core.states import StateMachine


class ApprovalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_APPROVAL = "in_approval", _("In approval")
    RETURNED = "returned", _("Returned for revision")
    REJECTED = "rejected", _("Rejected")
    APPROVED = "approved", _("Approved")


# Which state may follow which: submitting from draft or returned, and the three outcomes of a round.
TRANSITIONS: dict[str, frozenset[str]] = {
    ApprovalState.DRAFT: frozenset({ApprovalState.IN_APPROVAL}),
    ApprovalState.RETURNED: frozenset({ApprovalState.IN_APPROVAL}),
    ApprovalState.IN_APPROVAL: frozenset({ApprovalState.APPROVED, ApprovalState.REJECTED, ApprovalState.RETURNED}),
    ApprovalState.REJECTED: frozenset(),
    ApprovalState.APPROVED: frozenset(),
}

MACHINE = StateMachine(_("approvable document"), TRANSITIONS, labels=dict(ApprovalState.choices))

EDITABLE = frozenset({ApprovalState.DRAFT, ApprovalState.RETURNED})
OPEN = frozenset({ApprovalState.DRAFT, ApprovalState.IN_APPROVAL, ApprovalState.RETURNED})

# The engine's outcome of a round ("approved", "rejected", "returned") is the document's next state.
_OUTCOME_STATE = {
    "approved": ApprovalState.APPROVED,
    "rejected": ApprovalState.REJECTED,
    "returned": ApprovalState.RETURNED,
}


def state_for_outcome(outcome: str) -> str:
    return _OUTCOME_STATE[outcome]

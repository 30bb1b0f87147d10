"""Every stable error code of the demands app, in one place: the API answers them, the pages show the message."""


class ErrorCode:
    # services
    NOT_REQUESTER = "not_requester"
    NOT_AUTHOR = "not_author"
    NOT_EDITABLE = "not_editable"
    PERIOD = "period_order"
    HEADCOUNT = "headcount"
    BUDGET_EMPTY = "budget_empty"
    BUDGET_NEGATIVE = "budget_negative"
    BUDGET_MISMATCH = "budget_mismatch"
    SELF_CHECK = "self_check_incomplete"
    NATURE = "nature"
    NOT_HR = "not_hr"
    NOT_IN_APPROVAL = "not_in_approval"
    ALREADY_SUBMITTED = "already_submitted"
    INHOUSE_MISSING = "inhouse_estimate_missing"
    # reasons a blocker answers (each its own code, so an API client and compliance can tell them apart)
    CORE_BUSINESS = "core_business"
    NATURE_NOT_CONFIRMED = "nature_not_confirmed"

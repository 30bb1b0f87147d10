"""Every stable error code of the contracts app, in one place: the API answers them, the pages show the message."""


class ErrorCode:
    # changes
    NOT_ALLOWED = "not_allowed"
    REQUIRED = "required"
    WRONG_STATUS = "wrong_status"
    DATES = "dates"
    AMOUNT = "amount"
    OPEN_ITEMS = "exit_items_open"
    PENDING = "pending"
    RENEWAL_NOT_DECIDED = "renewal_not_decided"
    # drafting
    AWARD = "award"
    AWARD_HAS_CONTRACT = "award_has_contract"
    TEMPLATE = "template"
    TERM = "term_order"
    PRICING = "pricing"
    CLAUSES = "clauses_missing"
    SUBJECT = "subject"
    SAFETY = "safety"
    NOT_EDITABLE = "not_editable"
    # ending
    TERMINATION_PENDING = "termination_request_pending"
    REASON_NEEDED = "refusal_reason_required"
    ALREADY_EVALUATED = "already_evaluated"
    SCORE = "score"
    # review
    NOT_IN_REVIEW = "not_in_review"
    UNKNOWN_ITEM = "unknown_item"
    # textscreen
    UNANSWERED = "text_warning_unanswered"
    NOTHING_TO_ANSWER = "no_text_warning"
    # reasons a blocker answers (each its own code, so an API client and compliance can tell them apart)
    CHECKLIST_OPEN = "checklist_open"
    COMPANY_MAY_REJECT_WORKERS = "company_may_reject_workers"
    CORE_CLAUSES_MISSING = "core_clauses_missing"
    HEADCOUNT_PRICING_NOT_JUSTIFIED = "headcount_pricing_not_justified"
    NO_SAFETY_CLAUSE = "no_safety_clause"
    NO_SAFETY_LICENCE = "no_safety_licence"
    SUBJECT_IS_PEOPLE = "subject_is_people"

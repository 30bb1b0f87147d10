"""Every stable error code of the sourcing app, in one place: the API answers them, the pages show the message."""


class ErrorCode:
    # award
    NOT_ALLOWED = "not_allowed"
    REQUIRED = "required"
    WRONG_STATUS = "wrong_status"
    NOT_COMPLETE = "scoring_not_complete"
    WINNER = "winner"
    AMOUNT = "amount"
    # bidding
    LATE = "late"
    NOT_OPEN = "not_open"
    INCOMPLETE = "incomplete"
    QUOTE = "quote_mismatch"
    ELIMINATED = "eliminated"
    # events
    WEIGHTS = "weights_total"
    PROJECT = "project"
    DEADLINE = "deadline"
    NOT_ELIGIBLE = "not_eligible"
    TOO_FEW = "too_few_candidates"
    SINGLE_SOURCE = "single_source"
    STAGE = "stage"
    # scoring
    NOT_DECLARED = "not_declared"
    CONFLICT = "conflict_of_interest"
    ALREADY_SCORED = "already_scored"
    RANGE = "score_out_of_range"
    WRONG_STAGE = "wrong_stage"
    PANEL = "panel"
    # reasons a blocker answers (each its own code, so an API client and compliance can tell them apart)
    NO_SINGLE_VENDOR = "no_single_vendor"
    SCORING_INCOMPLETE = "scoring_incomplete"
    SINGLE_SOURCE_NOT_APPROVED = "single_source_not_approved"
    WINNER_ELIMINATED = "winner_eliminated"

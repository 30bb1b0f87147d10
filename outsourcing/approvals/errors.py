"""Every stable error code of the approvals app, in one place: the API answers them, the pages show the message."""


class ErrorCode:
    # services
    NO_FLOW = "no_flow"
    EMPTY_FLOW = "empty_flow"
    NOBODY_CAN_APPROVE = "nobody_can_approve"
    ALREADY_IN_APPROVAL = "already_in_approval"
    ALREADY_FINISHED = "already_finished"
    ALREADY_DECIDED = "already_decided"
    NOT_YOUR_TASK = "not_your_task"
    COMMENT_REQUIRED = "comment_required"
    NOT_SUBMITTER = "not_submitter"
    BAD_STEP = "bad_step"
    BAD_DELEGATION = "bad_delegation"
    MATRIX_LEVEL_MISSING = "matrix_level_missing"
    APPROVAL_BLOCKED = "approval_blocked"
    BAD_DECISION = "bad_decision"
    # batch decisions
    BATCH_EMPTY = "batch_empty"
    BATCH_TOO_LARGE = "batch_too_large"
    BATCH_MIXED = "batch_mixed"
    BATCH_REFUSED = "batch_refused"

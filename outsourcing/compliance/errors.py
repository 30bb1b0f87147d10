"""The stable codes risk and compliance refuses with (pages show the message, the API answers the code)."""


class ErrorCode:
    REQUIRED = "required"
    OUT_OF_RANGE = "out_of_range"
    JUSTIFICATION = "justification_required"
    INDICATOR_OPEN = "indicator_still_open"
    WRONG_STATUS = "wrong_status"
    RESIDUAL_ABOVE_INHERENT = "residual_above_inherent"
    NOT_ALLOWED = "not_allowed"
    FUTURE_DATE = "future_date"
    OPEN_ACTIONS = "open_actions"

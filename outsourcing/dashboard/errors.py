"""The stable codes the dashboards refuse with (pages show the message, the API answers the code)."""


class ErrorCode:
    BAD_PERIOD = "bad_period"
    FUTURE_PERIOD = "future_period"

"""The stable codes daily operations refuse with (pages show the message, the API answers the code)."""


class ErrorCode:
    NOT_ALLOWED = "not_allowed"
    REQUIRED = "required"
    CONTRACT_NOT_LIVE = "contract_not_live"
    NOT_SITE_MANAGER = "not_site_manager"
    DATES = "dates"
    WRONG_STATUS = "wrong_status"
    DUPLICATE = "duplicate"
    NOT_A_PARTY = "not_a_party"
    INTERFACE_PERSONS = "interface_persons"
    QUARTER = "quarter"

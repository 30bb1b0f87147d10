"""The stable codes settlement refuses and holds with (pages show the message, the API answers the code)."""


class ErrorCode:
    NOT_ALLOWED = "not_allowed"
    REQUIRED = "required"
    DUPLICATE = "duplicate"
    CONTRACT_NOT_LIVE = "contract_not_live"
    PERIOD = "period"
    WRONG_STATUS = "wrong_status"
    ABOVE_CONTRACT = "above_contract_quantity"
    BAD_MONEY = "bad_money"
    LINE_TYPE = "line_type"
    # holds (reasons a step or the payment may not go on)
    EVALUATION_DISPUTED = "evaluation_disputed"
    EVALUATION_MISSING = "evaluation_missing"
    PROOFS = "proofs"
    # invoice checks (SET-7)
    TOTAL_MISMATCH = "invoice_total"
    TAX_MISMATCH = "invoice_tax"
    RATE_NOT_VALID = "rate_not_valid"
    DISGUISE_ITEM = "disguise_item"
    PASS_THROUGH_ON_SPECIAL = "pass_through_on_special"
    ISSUER = "issuer_not_vendor"
    PAYEE = "payee_not_vendor"
    PERSONAL_ACCOUNT = "personal_account"
    INVOICE_NUMBER_USED = "invoice_number_used"
    NO_INVOICE = "no_invoice"
    MATCH = "three_way_match"
    # payment
    ABOVE_APPROVED = "above_approved"
    ON_HOLD = "on_hold"
    ALREADY_PAID = "already_paid"

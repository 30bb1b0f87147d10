"""Every stable error code of the vendors app, in one place: the API answers them, the pages show the message."""


class ErrorCode:
    # admission
    NOT_ALLOWED = "not_allowed"
    REQUIRED = "required"
    OPEN_REVIEW = "open_review"
    WRONG_STATUS = "wrong_status"
    NOT_EDITABLE = "not_editable"
    INCOMPLETE = "incomplete"
    CATEGORY = "category"
    DATE = "date"
    RANGE = "range"
    # catalogue
    CODE_TAKEN = "code_taken"
    CREDIT_CODE_INVALID = "credit_code_invalid"
    # qualification
    VALIDITY_ORDER = "validity_order"
    ALREADY_VERIFIED = "already_verified"
    # services
    NOT_LEGAL_ENTITY = "not_legal_entity"
    CREDIT_CODE_TAKEN = "credit_code_taken"
    AMOUNT = "amount"
    STATUS_CHANGE = "status_change"
    REASON_REQUIRED = "reason_required"
    NOT_PENDING = "change_request_pending"
    NOTHING_CHANGED = "nothing_changed"
    TOO_LONG = "too_long"
    # spreadsheets
    BAD_CATEGORY = "bad_category"
    DUPLICATE = "duplicate_in_file"
    # reasons a blocker answers (each its own code, so an API client and compliance can tell them apart)
    CATEGORY_NOT_REGISTERED = "category_not_registered"
    DUE_DILIGENCE_UNSATISFACTORY = "due_diligence_unsatisfactory"
    FAILED_CRITERIA = "failed_criteria"
    LICENCE_EXPIRED = "licence_expired"
    LICENCE_MISSING = "licence_missing"
    LICENCE_NOT_VALID = "licence_not_valid"
    LICENCE_NOT_YET_VALID = "licence_not_yet_valid"
    LICENCE_UNVERIFIED = "licence_unverified"
    NOT_ADMITTED_FOR_CATEGORY = "not_admitted_for_category"
    NOT_A_LEGAL_ENTITY = "not_a_legal_entity"
    NO_DUE_DILIGENCE = "no_due_diligence"
    SCOPE_NOT_COVERED = "scope_not_covered"
    VENDOR_NOT_QUALIFIED = "vendor_not_qualified"
    VENDOR_STATUS_CHANGED = "vendor_status_changed"

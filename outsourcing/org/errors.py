"""Every stable error code of the org app, in one place: the API answers them, the pages show the message."""


class ErrorCode:
    # lockouts
    NOT_ALLOWED = "not_allowed"
    NOT_LOCKED = "not_locked"
    # services
    DEPARTMENT_CYCLE = "department_cycle"
    DEPARTMENT_CODE_TAKEN = "department_code_taken"
    DEPARTMENT_IN_USE = "department_in_use"
    USERNAME_TAKEN = "username_taken"
    ROLE_SCOPE = "role_scope"
    ROLE_DUPLICATE = "role_duplicate"
    ROLE_KIND = "role_kind"
    MATRIX_EMPTY = "matrix_empty"
    MATRIX_NEGATIVE = "matrix_negative"
    MATRIX_RANGE = "matrix_range"
    MATRIX_OVERLAP = "matrix_overlap"
    MATRIX_LEVEL = "matrix_level"
    LAST_ADMIN = "last_admin"
    # tokens
    TOKEN_INVALID = "token_invalid"
    TOKEN_EXPIRED = "token_expired"
    TOKEN_REVOKED = "token_revoked"
    ACCOUNT_INACTIVE = "account_inactive"
    TOKEN_NOT_FOUND = "token_not_found"

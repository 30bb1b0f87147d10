"""Every stable error code of the attachments app, in one place: the API answers them, the pages show the message."""


class ErrorCode:
    # services
    FILE_EMPTY = "file_empty"
    FILE_TOO_LARGE = "file_too_large"
    FILE_TYPE_NOT_ALLOWED = "file_type_not_allowed"
    KIND_UNKNOWN = "kind_unknown"
    DESCRIPTION_TOO_LONG = "description_too_long"

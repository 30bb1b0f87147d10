"""The unread count for the bell in the navigation bar."""


def notifications(request):
    return {"unread_notifications": 0}

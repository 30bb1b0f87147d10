import rules

from outsourcing.org.permissions import is_internal


@rules.predicate
def is_author(user, document) -> bool:
    return document is not None and document.author_id == user.pk


rules.add_perm("testapp.view_sampledocument", is_internal)
rules.add_perm("testapp.attach_sampledocument", is_author)
rules.add_perm("testapp.change_sampledocument", is_author)

from django import template

from publication.moderation.checks import describe_finding, store_check

register = template.Library()


@register.simple_tag
def revision_warnings(revision) -> list[str]:
    """The policy warnings of a revision, as Thai lines for the approver to read."""
    if revision is None:
        return []
    return [describe_finding(f) for f in store_check(revision).warnings]

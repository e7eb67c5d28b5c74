"""Wagtail admin strings our Thai catalogue translates again (Wagtail's own Thai lacks or garbles them).

`makemessages` extracts these markers, so the entries stay in `locale/th` like our own strings;
Django looks in `LOCALE_PATHS` before Wagtail's catalogues, so ours win. Nothing imports this module.
"""

from django.utils.translation import gettext_noop

WAGTAIL_STRINGS = (
    gettext_noop("Request changes"),
    gettext_noop("Approve with comment"),
    gettext_noop("Approve"),
    gettext_noop("Workflows"),
    gettext_noop("Workflow tasks"),
    gettext_noop("Tasks"),
    gettext_noop("Reports"),
    gettext_noop("Snippets"),
    gettext_noop("Images"),
    gettext_noop("Documents"),
    gettext_noop("Help"),
    gettext_noop("Pages"),
    gettext_noop("Publish"),
    gettext_noop("Unpublish"),
    gettext_noop("Dashboard"),
    gettext_noop("Submit for moderation"),
    gettext_noop("Resubmit to %(task_name)s"),
    gettext_noop("Preview"),
    gettext_noop("History"),
    gettext_noop("Comment"),
    gettext_noop("Lock"),
    gettext_noop("Unlock"),
    gettext_noop("Live"),
    gettext_noop("Search"),
    gettext_noop("Edit"),
    gettext_noop("Add child page"),
    gettext_noop("Log out"),
    gettext_noop("Account"),
    gettext_noop("Users"),
    gettext_noop("Groups"),
    gettext_noop("Sites"),
    gettext_noop("Collections"),
    gettext_noop("Site history"),
    gettext_noop("Locked pages"),
    gettext_noop("Aging pages"),
    gettext_noop("Thai"),
    gettext_noop("English"),
    gettext_noop("Awaiting your review"),
    gettext_noop("Your most recent edits"),
    gettext_noop("Save draft"),
)

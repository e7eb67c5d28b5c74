"""The dashboard panel of P1.4: official letters at the user's step, the overdue ones marked.

The President's Office sends registered letters to the executives and tells the agency of a decline,
the executives decide, the ARIT Director assigns a webmaster, the assigned webmaster publishes and a
webmaster tells the agency. Each list is one step; a letter is in it only if `rules` lets this user
act on it now, so the panel and the step views answer the same question. Overdue is the letter's own
`is_overdue` (working days at one step), as in the letters listing and the e-mail reminders.
Two queries whatever the number of letters: the user's groups and the open letters of those steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from publication.organisation.panels import MyWorkPanel, WorkItem, WorkList
from publication.organisation.roles import ARIT_DIRECTOR, EXECUTIVES, PRESIDENTS_OFFICE, WEBMASTERS
from publication.organisation.templatetags.thai_dates import thai_date

from . import rules
from .models import ExternalRequest
from .models import ExternalRequestStatus as Status

LETTERS_LIST_URL = "wagtailsnippets_publication_externalrequest:list"


@dataclass(frozen=True)
class LetterStep:
    """One list of the panel: the letters at `statuses` that the `rule` lets a member of `groups` act on."""

    key: str
    heading: str | Promise
    statuses: tuple[Status, ...]
    groups: tuple[str, ...]
    rule: Any


STEPS = (
    LetterStep("submit", _("Registered: to send to the executives"), (Status.REGISTERED,), (PRESIDENTS_OFFICE,), rules.can_submit),
    LetterStep("decide", _("Waiting for the executives' decision"), (Status.AWAITING_DECISION,), (EXECUTIVES,), rules.can_decide),
    LetterStep(
        "assign",
        _("Approved: waiting for the ARIT Director to assign a webmaster"),
        (Status.AWAITING_ASSIGNMENT,),
        (ARIT_DIRECTOR,),
        rules.can_assign,
    ),
    LetterStep("publish", _("Assigned to me: to publish on the website"), (Status.ASSIGNED,), (WEBMASTERS,), rules.can_create_notice),
    LetterStep(
        "notify",
        _("Decided or published: to tell the agency and close the case"),
        (Status.PUBLISHED, Status.DECLINED),
        (PRESIDENTS_OFFICE, WEBMASTERS),
        rules.can_record_notification,
    ),
)


def steps_for(user) -> list[LetterStep]:
    """The steps the user's groups take (every step for a superuser)."""
    return [step for step in STEPS if any(rules.in_group(user, group) for group in step.groups)]


def letter_item(req: ExternalRequest, now) -> WorkItem:
    """A row: the letter (number and subject), the agency, its step, since when, overdue or due by."""
    overdue = req.is_overdue(now)
    due = ""
    if not overdue and req.status != Status.REGISTERED:
        due = _("By %(date)s") % {"date": thai_date(req.due_at(), "short")}
    return WorkItem(
        title=str(req),
        url=reverse("publication_external_process", args=[req.pk]),
        kind=req.agency_name,
        step=req.get_status_display(),
        since=req.step_started_at,
        overdue=overdue,
        due=due,
    )


def letter_lists(user) -> list[WorkList]:
    """One list per step the user takes, oldest first."""
    steps = steps_for(user)
    statuses = {status for step in steps for status in step.statuses}
    letters = list(ExternalRequest.objects.filter(status__in=statuses).order_by("step_started_at", "pk")) if statuses else []
    now = timezone.now()
    lists = []
    for step in steps:
        items = [letter_item(req, now) for req in letters if req.status in step.statuses and step.rule(user, req)]
        more_url = reverse(LETTERS_LIST_URL)
        if len(step.statuses) == 1:
            more_url += f"?status={step.statuses[0]}"
        lists.append(WorkList(step.key, step.heading, items, more_url=more_url))
    return lists


class LetterWorkPanel(MyWorkPanel):
    """Executives, the President's Office, the ARIT Director and the webmasters: letters at their step."""

    name = "my_work_letters"
    heading = _("My work: official letters from external agencies")
    icon = "mail"
    order = 105

    def is_shown(self, user) -> bool:
        return bool(steps_for(user))

    def get_lists(self, user) -> list[WorkList]:
        return letter_lists(user)


@hooks.register("construct_homepage_panels")
def add_letters_panel(request, panels):
    """The letters panel, rendered only for the four central groups of P1.4."""
    panels.append(LetterWorkPanel(request))

"""The urgent takedown's admin view: a Thai confirmation with a required reason, then the takedown."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from wagtail.admin import messages
from wagtail.models import Page

from publication.organisation.text_input import StorableTextFormMixin
from publication.upkeep.takedown import (
    REASON_MAX_LENGTH,
    TakedownRefused,
    may_take_down,
    owner_unit,
    take_down,
    takedown_problem,
)


class TakedownForm(StorableTextFormMixin, forms.Form):
    """The reason for a takedown: required, not only blanks (Django strips it), at most `REASON_MAX_LENGTH`."""

    reason = forms.CharField(
        label=_("Reason for the takedown"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Say what is wrong with the page, for example “it shows a student's national ID number”. "
            "The unit and the webmasters receive it by e-mail and it is kept in the publication register."
        ),
        error_messages={
            "required": _("Please give the reason for taking the page down"),
            "max_length": _("Please keep the reason to %(limit_value)d characters or fewer (it has %(show_value)d)"),
        },
    )


def _back_url(request, page) -> str:
    """Where to go afterwards: a safe `next`, else the listing that holds the page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    parent = page.get_parent()
    return reverse("wagtailadmin_explore", args=[parent.pk]) if parent is not None else reverse("wagtailadmin_home")


def takedown_view(request, page_id: int):
    """GET: the confirmation form; POST: take the page down with the reason given.

    403 for anyone who may not take the page down (`may_take_down`), on GET as on POST. A page that
    cannot be taken down (not live, an alias, a site's home page) is answered with a Thai message
    and a redirect; a missing reason with the form again, its error on the field.
    """
    page = get_object_or_404(Page, pk=page_id).specific
    if not may_take_down(request.user, page):
        # A plain 403 rather than Wagtail's redirect-with-message: a refused POST must say so to whatever sent it.
        return permission_denied(request, PermissionDenied())
    problem = takedown_problem(page)
    if problem is not None:
        messages.error(request, problem)
        return redirect(_back_url(request, page))
    form = TakedownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            take_down(page, request.user, form.cleaned_data["reason"])
        except TakedownRefused as refused:  # taken down by someone else between the form and the click
            messages.error(request, str(refused))
            return redirect(_back_url(request, page))
        messages.success(
            request,
            _(
                "“%(title)s” has been taken off the website. The reason is recorded in the publication register, "
                "and the unit and the webmasters will be informed by e-mail. It can go back only through the approval workflow."
            )
            % {"title": page.title},
        )
        return redirect(_back_url(request, page))
    unit = owner_unit(page)
    return TemplateResponse(
        request,
        "upkeep/takedown/confirm.html",
        {
            "form": form,
            "page": page,
            "unit": unit,
            "public_url": page.full_url or "",
            "alias_count": page.aliases.count(),
            "live_descendant_count": page.get_descendants().live().count(),
            "in_workflow": page.current_workflow_state is not None,
            "next_url": request.GET.get("next", "") if request.method == "GET" else request.POST.get("next", ""),
            "cancel_url": _back_url(request, page),
            "page_title": _("Take down urgently"),
            "header_title": _("Take down urgently"),
            "header_icon": "warning",
        },
        status=200,
    )

"""Answers a publish the gate refused, on whatever admin path it came from."""

from __future__ import annotations

import logging

from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from publication.moderation.decisions import DecisionMessageMiddleware  # noqa: F401  (listed in MIDDLEWARE)
from publication.moderation.gate import PublishBlocked

logger = logging.getLogger("publication.gate")


class PublishGateMiddleware:
    """Turn `PublishBlocked` into a Thai answer after the request's transaction rolled back.

    With ``ATOMIC_REQUESTS`` the view's transaction is already rolled back when `process_exception`
    runs, so nothing of the refused publish stays. The admin API and other XHR callers get JSON
    (HTTP 403: ``{"message": …, "reasons": [...]}``); a browser is sent back where it came from
    with each reason as an error message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PublishBlocked):
            return None
        logger.info("Publish refused on %s %s: %s", request.method, request.path, exception.summary())
        lines = exception.lines()
        if request.path.startswith("/admin/api/") or request.headers.get("x-requested-with") == "XMLHttpRequest":
            return JsonResponse({"message": exception.summary(), "reasons": lines}, status=403, json_dumps_params={"ensure_ascii": False})
        from wagtail.admin import messages

        messages.error(request, exception.summary())
        for line in lines:
            messages.error(request, line)
        target = request.headers.get("referer") or ""
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = ""
        return redirect(target or "wagtailadmin_home")


def api_exception_handler(exc, context):
    """REST framework's handler, with Wagtail's English publish refusals answered as the gate would.

    `PublishPermissionError` comes from Wagtail's own check (our `WorkflowPagePermissionTester`
    says no before anything is written): the answer names the item and the gate's Thai reasons.
    """
    from rest_framework.response import Response
    from rest_framework.views import exception_handler, set_rollback
    from wagtail.actions.publish_revision import PublishPermissionError

    if not isinstance(exc, PublishPermissionError):
        return exception_handler(exc, context)
    from wagtail.models import Page

    from publication.moderation.gate import decide

    view = context.get("view")
    request = context.get("request")
    page = Page.objects.filter(pk=getattr(view, "kwargs", {}).get("pk")).first()
    page = page.specific if page is not None else None
    revision = page.get_latest_revision() if page is not None else None
    if revision is None:
        set_rollback()
        return Response({"message": _("You do not have permission to publish this page."), "reasons": []}, status=403)
    decision = decide(revision.as_object(), revision, request.user, path="admin_api")
    blocked = decision.blocked()
    reasons = blocked.lines() or [_("You do not have permission to publish this page.")]
    set_rollback()  # after the look-ups: no query may run once the transaction is marked
    return Response({"message": blocked.summary(), "reasons": reasons}, status=403)

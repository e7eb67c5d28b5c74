"""Answers a publish the gate refused, on whatever admin path it came from."""

from __future__ import annotations

import logging

from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from .gate import PublishBlocked

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
            return JsonResponse({"message": exception.summary(), "reasons": lines}, status=403)
        from wagtail.admin import messages

        messages.error(request, exception.summary())
        for line in lines:
            messages.error(request, line)
        target = request.headers.get("referer") or ""
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = ""
        return redirect(target or "wagtailadmin_home")


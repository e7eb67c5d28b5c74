"""Attempt limits on the password forms django-axes does not see (issue 13, red-team pass).

django-axes throttles every `authenticate(request=…)`; two other forms take a secret without it:

- a private page's password (`wagtailcore_authenticate_with_password`, Wagtail's page privacy): a guess
  costs nothing, so after `PAGE_PASSWORD_RATE` tries from one client on one restriction the form answers
  HTTP 429 in Thai;
- the admin's password reset: each post queues an e-mail with a live reset link, so anyone could flood a
  staff member's inbox. After `PASSWORD_RESET_RATE_PER_ADDRESS` requests for one address, or
  `PASSWORD_RESET_RATE_PER_IP` from one client, the form answers exactly as if it had sent (it never says
  whether an address exists) and queues nothing.

Counts live in Django's cache through django-ratelimit (Redis in production, `CACHE_URL`); the client IP
is axes' (`AXES_IPWARE_*`), so a proxy is trusted the same way for both.
"""

from __future__ import annotations

import logging

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from wagtail import views as wagtail_views
from wagtail.admin.views.account import PasswordResetView

logger = logging.getLogger("publication.security")

PAGE_PASSWORD_RATE_DEFAULT = "10/15m"  # noqa: S105 (a rate, not a password)
RESET_RATE_PER_ADDRESS_DEFAULT = "3/h"
RESET_RATE_PER_IP_DEFAULT = "20/h"


def _limited(request, group: str, key: str, setting: str, default: str) -> bool:
    """Count one POST for `key` in `group`; True once the rate in `setting` (django-ratelimit, e.g. "3/h") is passed."""
    rate = getattr(settings, setting, default)
    return is_ratelimited(request, group=group, key=lambda _group, _request: key, rate=rate, method="POST", increment=True)


def authenticate_with_password(request, page_view_restriction_id: int, page_id: int):
    """Wagtail's private-page password view, with at most `PAGE_PASSWORD_RATE` tries per client and page."""
    if request.method == "POST":
        client = get_client_ip_address(request) or "unknown"
        if _limited(request, "page-password", f"{client}:{page_view_restriction_id}", "PAGE_PASSWORD_RATE", PAGE_PASSWORD_RATE_DEFAULT):
            logger.warning(
                "Private page password: too many tries from %s on restriction %s (page %s)", client, page_view_restriction_id, page_id
            )
            message = _(
                "Too many wrong passwords were tried for this page. Please wait 15 minutes, then try again, "
                "or ask the unit that published it for the password."
            )
            return render(request, "organisation/too_many_attempts.html", {"message": message}, status=429)
    return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's password reset, queuing at most a few e-mails per address and per client an hour."""

    def post(self, request, *args, **kwargs):
        address = request.POST.get("email", "").strip().lower()
        client = get_client_ip_address(request) or "unknown"
        by_address = _limited(request, "password-reset-address", address, "PASSWORD_RESET_RATE_PER_ADDRESS", RESET_RATE_PER_ADDRESS_DEFAULT)
        by_client = _limited(request, "password-reset-client", client, "PASSWORD_RESET_RATE_PER_IP", RESET_RATE_PER_IP_DEFAULT)
        if by_address or by_client:
            logger.warning("Password reset not sent: too many requests (address %r, client %s)", address, client)
            return redirect("wagtailadmin_password_reset_done")  # the answer a sent e-mail gets
        return super().post(request, *args, **kwargs)

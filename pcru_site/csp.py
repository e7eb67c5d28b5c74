"""Content-Security-Policy by area of the site, on top of django-csp 4.

The public site runs under `CONTENT_SECURITY_POLICY` (or `CONTENT_SECURITY_POLICY_REPORT_ONLY` while a
rollout watches reports, `CSP_REPORT_ONLY=true`): scripts and styles from our own origin only, no inline
code, no eval. Wagtail 8's admin cannot run under that policy (its chooser widgets, inline panels and date
pickers print inline `<script>` initialisers, its editor inserts `<style>` elements), so signed-in staff in
the admin get `CONTENT_SECURITY_POLICY_ADMIN` instead, with the exceptions documented there
(pcru_site/settings/base.py). Visitors who are not signed in keep the public policy even under /admin/:
the login and password-reset screens run under it, and they are the admin screens anyone can reach.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponseBase


def uses_admin_policy(request: HttpRequest) -> bool:
    """True for a signed-in user's request under a `CONTENT_SECURITY_POLICY_ADMIN["PATH_PREFIXES"]` path.

    `request.user` may be missing when a middleware above authentication answered first (a static file,
    an HTTPS redirect): such a response gets the public policy.
    """
    user = getattr(request, "user", None)
    in_admin = request.path_info.startswith(tuple(settings.CONTENT_SECURITY_POLICY_ADMIN["PATH_PREFIXES"]))
    return in_admin and user is not None and user.is_authenticated


class AreaCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin policy swapped in for signed-in users in the staff areas.

    Only the *configuration* changes: a view's own `@csp_update`/`@csp_replace` still applies on top,
    a view that sets its own header (Wagtail's document and image serve views, the outbox's attachment
    download) keeps it, and the report-only switch applies to both policies alike.
    """

    def get_policy_parts(self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        # Only for the header that is switched on: the report-only header is built whenever its config
        # is not None, so setting it here in enforcing mode would send a second, unwanted header.
        setting = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
        if parts.config is None and getattr(settings, setting, None) and uses_admin_policy(request):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts

"""Login throttling with django-axes (issue 13): who is locked out, for how long, and why this way.

Every `authenticate(request=…)` passes `axes.backends.AxesStandaloneBackend` before the password is
tried (settings `AUTHENTICATION_BACKENDS`): Wagtail's /admin/login/ and anything built on Django's
`AuthenticationForm`. Django's own admin has no login form (pcru_site/django_admin.py).

Two limits, both over failures whose record was touched within the cool-off (`AXES_COOLOFF_TIME`,
env `LOGIN_LOCKOUT_MINUTES`, 15):

* one username from one client IP (`AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]`) after
  `AXES_FAILURE_LIMIT` failures (env `LOGIN_FAILURE_LIMIT`, 5). Not by IP alone: a faculty's staff
  share one NAT address, and one person guessing there must not lock out everyone behind it. Not by
  username alone at that limit: anyone on the internet could lock any account with five requests.
* one username from any IP after `LOGIN_ACCOUNT_FAILURE_LIMIT` failures (20; 0 turns it off), so an
  attacker rotating addresses gets five tries per address and no more than twenty on one account in
  all. Like any account-wide limit it can be used to lock an account on purpose; that takes four
  times the failures, the lock lifts by itself, and a webmaster can lift it at once (login_attempts.py).

A failure while locked counts too (`AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT`, axes' default):
the lock ends a cool-off after the *last* attempt, which the lockout page says. The username is
counted as typed, existing or not, so neither the form nor the lockout tells which accounts exist.
"""

from __future__ import annotations

import datetime
import logging
import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt, AccessFailureLog
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max, Q, QuerySet, Sum
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from wagtail.log_actions import log

logger = logging.getLogger(__name__)

#: Wagtail log action recorded on the user whose login a webmaster unlocked.
UNLOCK_ACTION = "organisation.login_unlocked"


def cool_off() -> datetime.timedelta:
    """How long a lock lasts after the last failure (`AXES_COOLOFF_TIME` as a timedelta)."""
    return get_cool_off()


def lockout_minutes() -> int:
    """The cool-off in whole minutes, rounded up (what the lockout page promises)."""
    return max(1, math.ceil(cool_off().total_seconds() / 60))


def account_failure_limit() -> int:
    """`LOGIN_ACCOUNT_FAILURE_LIMIT`: failures of one username from any IP that lock it (0: never)."""
    return int(getattr(settings, "LOGIN_ACCOUNT_FAILURE_LIMIT", 0) or 0)


def recent_attempts(now: datetime.datetime | None = None) -> QuerySet[AccessAttempt]:
    """axes' attempt records still counting: touched within the cool-off before `now` (default: now)."""
    return AccessAttempt.objects.filter(attempt_time__gte=(now or timezone.now()) - cool_off())


def account_failures(username: str, now: datetime.datetime | None = None) -> int:
    """Recent failures of `username` from every IP and browser together."""
    return recent_attempts(now).filter(username=username).aggregate(total=Sum("failures_since_start"))["total"] or 0


def current_locks(now: datetime.datetime | None = None) -> tuple[dict, dict]:
    """Who is locked out now, and until when (aware datetimes).

    Returns `(pairs, accounts)`: `{(username, ip): until}` for username+IP locks and `{username: until}`
    for account-wide ones. Both read the same records and limits as `PairAndAccountHandler`.
    """
    attempts = recent_attempts(now)
    pairs = {
        (row["username"], row["ip_address"]): row["last"] + cool_off()
        for row in attempts.values("username", "ip_address")
        .annotate(total=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(total__gte=settings.AXES_FAILURE_LIMIT)
    }
    accounts = {}
    if account_failure_limit():
        accounts = {
            row["username"]: row["last"] + cool_off()
            for row in attempts.values("username")
            .annotate(total=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(total__gte=account_failure_limit())
        }
    return pairs, accounts


def locked_until(locks: tuple[dict, dict], username: str | None, ip_address: str | None) -> datetime.datetime | None:
    """When the lock on `username` from `ip_address` ends, from `current_locks()`; None if not locked."""
    pairs, accounts = locks
    ends = [end for end in (pairs.get((username, ip_address)), accounts.get(username)) if end is not None]
    return max(ends) if ends else None


def locked_q(locks: tuple[dict, dict]) -> Q:
    """A filter on rows with `username` and `ip_address` fields: those locked out now."""
    pairs, accounts = locks
    q = Q(pk__in=[])
    for username, ip_address in pairs:
        q |= Q(username=username, ip_address=ip_address)
    if accounts:
        q |= Q(username__in=list(accounts))
    return q


def _username_q(username: str | None) -> Q:
    # axes stores a form posted without a username as NULL.
    return Q(username__isnull=True) if username is None else Q(username=username)


def unlock(username: str | None, by) -> int:
    """Lift every lock on `username` (all IPs): delete its attempt records. Returns how many.

    The failure log (the report's history) is kept. Logged with who unlocked, and recorded in
    Wagtail's history of the user when the username is an account.
    """
    deleted, _ = AccessAttempt.objects.filter(_username_q(username)).delete()
    logger.warning("Login unlocked: username=%r by=%r (%d attempt records deleted)", username, by.get_username(), deleted)
    account = get_user_model().objects.filter(username=username).first() if username is not None else None
    if account is not None:
        log(instance=account, action=UNLOCK_ACTION, user=by, data={"attempts_deleted": deleted})
    return deleted


class PairAndAccountHandler(AxesDatabaseHandler):
    """axes' database handler with the account-wide limit on top of the username+IP one.

    The account limit is folded into `get_failures`, which axes compares with `AXES_FAILURE_LIMIT`
    both when it records a failure (to lock at once) and before authenticating (to refuse while
    locked), so both limits lock, log and answer the same way.
    """

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        limit = account_failure_limit()
        if limit and username is not None and account_failures(username, request.axes_attempt_time) >= limit:
            return max(failures, settings.AXES_FAILURE_LIMIT)
        return failures

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        _clean_request_text(request)
        return super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender, request, user, **kwargs):
        _clean_request_text(request)
        return super().user_logged_in(sender, request, user, **kwargs)

    def remove_out_of_limit_failure_logs(self, *, username: str, limit: int | None = None) -> int:
        """Keep the newest `AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT` failures of `username`.

        Overridden because axes 8.3 slices the log in its default newest-first order and so deletes the
        newest failures, hiding an attack in progress from the report once an account passes the limit.
        """
        limit = limit or settings.AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT
        failures = AccessFailureLog.objects.filter(_username_q(username)).order_by("-attempt_time", "-pk")
        oldest_kept = list(failures.values_list("attempt_time", "pk")[limit - 1 : limit])
        if not oldest_kept:
            return 0
        kept_time, kept_pk = oldest_kept[0]
        deleted, _ = failures.filter(Q(attempt_time__lt=kept_time) | Q(attempt_time=kept_time, pk__lt=kept_pk)).delete()
        return deleted


def _clean_request_text(request: HttpRequest | None) -> None:
    # PostgreSQL text cannot hold NUL: a crafted User-Agent or Accept header must not turn a failed
    # login into a server error (and an unrecorded attempt).
    if request is None:
        return
    for name in ("axes_user_agent", "axes_http_accept", "axes_path_info"):
        value = getattr(request, name, None)
        if isinstance(value, str) and "\0" in value:
            setattr(request, name, value.replace("\0", "\ufffd"))


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None) -> HttpResponse:
    """`AXES_LOCKOUT_CALLABLE`: the Thai lockout page, HTTP 429 with Retry-After, in the login's look.

    It says how long to wait and whom to contact, never whether the username exists.
    """
    minutes = lockout_minutes()
    response = render(
        request,
        "organisation/login_locked.html",
        {"minutes": minutes, "webmaster_email": settings.WEBMASTER_EMAIL},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(minutes * 60)
    return response


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs):
    """One warning per refused attempt, naming the username exactly as typed and the client IP."""
    logger.warning(
        "Login locked out: username=%r ip=%s path=%s user_agent=%r failures=%s, locked for %d minutes after the last attempt",
        username,
        ip_address,
        getattr(request, "axes_path_info", ""),
        getattr(request, "axes_user_agent", ""),
        getattr(request, "axes_failures_since_start", None),
        lockout_minutes(),
    )

"""A delete the database refuses is told in Thai, never an HTTP 500 (issue 13).

Wagtail's delete views (a document's delete, the multiple upload's delete, bulk delete) ask the
reference index whether anything protects an object; relations outside it, such as a letter's file
(`letters.ExternalRequestAttachment.document`, `on_delete=PROTECT`), are known only when the database
refuses with `ProtectedError` (or `RestrictedError`). This middleware answers that refusal for every
view at once: the request's transaction has rolled back (`ATOMIC_REQUESTS`), so nothing was deleted.
"""

from __future__ import annotations

import logging

from django.db.models import ProtectedError, RestrictedError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

logger = logging.getLogger("publication.deletions")
search_logger = logging.getLogger("publication.search")


def protection_reasons(exception: ProtectedError | RestrictedError) -> list[str]:
    """Why each kind of protecting record keeps the object: the model's `deletion_protection_reason`
    (a translated sentence) or, without one, its verbose name; one entry per model."""
    reasons: dict[type, str] = {}
    for obj in getattr(exception, "protected_objects", None) or getattr(exception, "restricted_objects", ()):
        model = type(obj)
        if model not in reasons:
            reasons[model] = str(getattr(model, "deletion_protection_reason", None) or model._meta.verbose_name_plural)
    return list(reasons.values())


class ProtectedDeletionMiddleware:
    """Turn `ProtectedError`/`RestrictedError` into a Thai message: JSON (HTTP 409) for XHR and the
    admin API, otherwise an error message and a redirect back to the page the user came from."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ProtectedError | RestrictedError):
            return None
        reasons = protection_reasons(exception)
        logger.warning(
            "Delete refused by the database on %s %s by %s: %s",
            request.method,
            request.path,
            getattr(request.user, "pk", None),
            exception,
        )
        message = _("This cannot be deleted because other records still need it: %(reasons)s. Nothing was deleted") % {
            "reasons": "; ".join(reasons)
        }
        if request.path.startswith("/admin/api/") or request.headers.get("x-requested-with") == "XMLHttpRequest":
            return JsonResponse({"success": False, "message": message}, status=409, json_dumps_params={"ensure_ascii": False})
        from wagtail.admin import messages

        messages.error(request, message)
        target = request.headers.get("referer") or ""
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = ""
        return redirect(target or "wagtailadmin_home")


#: The query parameters that carry a search in the admin (its listings, choosers and the admin API).
SEARCH_PARAMETERS = ("q", "search")


def _from_search_backend(exception: Exception) -> bool:
    """Whether `exception` is the search backend's refusal of a filter, an ordering or an option it cannot apply to
    results: modelsearch's own field errors, or an AttributeError or ValueError (`?search_operator=` neither "and"
    nor "or") raised inside modelsearch or by a search results object."""
    from modelsearch.backends.base import FieldError, FilterError

    if isinstance(exception, FieldError | FilterError):
        return True
    if not isinstance(exception, AttributeError | ValueError):
        return False
    if "SearchResults" in str(exception):
        return True
    frame = exception.__traceback__
    while frame is not None:
        if "/modelsearch/" in frame.tb_frame.f_code.co_filename:
            return True
        frame = frame.tb_next
    return False


class SearchCombinationMiddleware:
    """A search combined with a filter or an ordering the search backend cannot apply is told in Thai, never an
    HTTP 500 (a review found: the explorer's "has child pages" filter, the images' file-size ordering, the usage
    count filters and the admin API's `has_children`, each with a search; upstream Wagtail 8 and modelsearch).

    Admin screens redirect to the same search without its filters and orderings, with a message; the admin API
    and XHR answer HTTP 400 `{"message"}`. The precise error is logged.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        searched = {name: request.GET[name] for name in SEARCH_PARAMETERS if request.GET.get(name)}
        if not searched or not request.path.startswith("/admin/") or not _from_search_backend(exception):
            return None
        search_logger.warning("Search with filters refused by the search backend on %s: %r", request.get_full_path(), exception)
        if request.path.startswith("/admin/api/") or request.headers.get("x-requested-with") == "XMLHttpRequest":
            message = _("A search cannot be combined with these filters or this ordering. Search without them.")
            return JsonResponse({"message": message}, status=400, json_dumps_params={"ensure_ascii": False})
        message = _("A search cannot be combined with these filters or this ordering. The search is shown without them.")
        if set(request.GET) <= set(SEARCH_PARAMETERS):  # nothing to take away: say so, never redirect in a loop
            return render(request, "bad_query.html", {"message": message}, status=400)
        from wagtail.admin import messages

        messages.warning(request, message)
        return redirect(f"{request.path}?{urlencode(searched)}")

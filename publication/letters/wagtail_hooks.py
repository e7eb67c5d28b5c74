"""Admin wiring of P1.4: the letter snippet and its step views (`views`), and the guards that keep
letter files away from the public, from unit staff and from public content.

Wagtail's document and image permission policies are replaced by ones that seal the letters
collection (`privacy`), so no document listing, chooser, upload, edit or delete view reaches a
letter; where Wagtail filters by something else (the admin API, the chooser hook) letters are taken
out here; the serve hook refuses letter files to everyone outside the procedure.
"""

from django.http import HttpResponseForbidden
from django.template.loader import render_to_string
from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

from . import privacy as letters
from . import (
    steps,
    views,  # noqa: F401  (registers the snippet and the step views' URLs)
)
from .panels import LetterWorkPanel  # noqa: F401  (registers the dashboard panel: letters at the user's step)

# Before any admin view looks up its policy: letter files are out of reach of Wagtail's document admin.
letters.register_sealed_policies()


# --- Letter files: never served to the public or to unit editors, never offered to public content -----

@hooks.register("before_serve_document", order=-100)
def refuse_letter_files(document, request):
    """403 for a letter file unless the user may see letters (runs before Wagtail's own view restrictions).

    With WAGTAILDOCS_SERVE_METHOD = "serve_view" this view is the only way to a document's bytes;
    the files themselves get unguessable names (`external.attach_letter_file`).
    """
    if letters.is_letter_document(document) and not steps.can_view(request.user):
        body = render_to_string("letters/external_file_forbidden.html", request=request)
        return HttpResponseForbidden(body)
    return None


@hooks.register("construct_document_chooser_queryset")
def no_letters_in_the_document_chooser(documents, request):
    """Also for the webmaster: a letter is never something to link from public content.

    The sealed permission policy already leaves letters out; this keeps them out should another
    policy be registered."""
    return letters.exclude_letters(documents)


@hooks.register("construct_image_chooser_queryset")
def no_letters_in_the_image_chooser(images, request):
    return letters.exclude_letters(images)


class DocumentsWithoutLettersAPIViewSet(DocumentsAdminAPIViewSet):
    """/admin/api/main/documents/ applies collection view restrictions but no collection permissions:
    letters (number, subject, stored file name in `download_url`) are left out for everyone."""

    def get_queryset(self):
        return letters.exclude_letters(super().get_queryset())


class ImagesWithoutLettersAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return letters.exclude_letters(super().get_queryset())


@hooks.register("construct_admin_api", order=100)  # after wagtail.documents and wagtail.images register theirs
def admin_api_without_letters(router):
    router.register_endpoint("documents", DocumentsWithoutLettersAPIViewSet)
    router.register_endpoint("images", ImagesWithoutLettersAPIViewSet)

"""Creating with Wagtail's autosave on: one create form makes one object, whatever races it.

Wagtail's autosave (`w-autosave`) posts a new page's or snippet's create form in the background and,
once that has created the object, turns the form into its edit form. A Submit or Publish clicked
while that first autosave is in flight, or a create form posted again, reaches the *create* view a
second time: Wagtail then makes a second object, refuses the form because the slug is taken, or (two
requests at once) fails with HTTP 500 when `Page.full_clean` finds the other page's slug.

`moderation/js/autosave-guard.js` holds the buttons until the autosave has finished. Here the server
makes the guarantee itself: the create form carries a random creation key (`pcru_creation_key`); the
request that creates the object claims the key in the same transaction (`AutosaveCreation`, unique),
and any later post of that form carries on in the edit view of what was created, so the editor's
Submit runs on their page, with their text, and nothing is made twice.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import AutosaveCreation

logger = logging.getLogger("publication.publishing")

CREATION_KEY_FIELD = "pcru_creation_key"
KEY_LIFETIME = timedelta(days=2)


def creation_key(request: HttpRequest) -> uuid.UUID | None:
    """The create form's creation key from a POST, or None when absent or not a UUID."""
    raw = request.POST.get(CREATION_KEY_FIELD, "")
    try:
        return uuid.UUID(raw) if raw else None
    except (ValueError, AttributeError):
        return None


class AutosaveSafeCreateMixin:
    """For create views (pages and snippets): a create form posted again carries on in the edit view.

    Subclasses give `creation_content_type()`, `created_object()` (None until saved) and
    `edit_url_for(pk)`; the view's `form_valid` must create the object.
    """

    def creation_content_type(self) -> ContentType:
        raise NotImplementedError

    def created_object(self):
        raise NotImplementedError

    def edit_url_for(self, pk: str) -> str:
        raise NotImplementedError

    def find_created(self, pk: str):
        """The object `pk` if it still exists and belongs to this create view (page: under its parent)."""
        raise NotImplementedError

    def earlier_creation(self, key: uuid.UUID) -> HttpResponse | None:
        """What a post of a form whose key is already claimed gets, or None when the form may create.

        The same user's form that made an object still here carries on in its edit view; a key of another
        user, another model or (pages) another folder is a conflict; a claim whose object is gone (deleted,
        or rolled back after its id was known) is dropped, and the form creates again.
        """
        claim = AutosaveCreation.objects.filter(key=key).first()
        if claim is None or not claim.object_id:
            return None
        if claim.user_id != self.request.user.pk or claim.content_type_id != self.creation_content_type().pk:
            return self.creation_conflict()
        created = self.find_created(claim.object_id)
        if created is None:
            claim.delete()
            return None
        if created is False:
            return self.creation_conflict()
        return self.carry_on_in_edit_view(claim.object_id)

    def post(self, request, *args, **kwargs):
        key = creation_key(request)
        if key is not None and (earlier := self.earlier_creation(key)) is not None:
            return earlier
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        key = creation_key(self.request)
        if key is None:
            return self.create_refusing_races(form)
        content_type = self.creation_content_type()
        try:
            # A savepoint: on PostgreSQL a second request with the same key waits here until the first
            # commits, then finds its object; SQLite runs write transactions one at a time (IMMEDIATE).
            with transaction.atomic():
                claim = AutosaveCreation.objects.create(key=key, user=self.request.user, content_type=content_type)
        except IntegrityError:
            return self.earlier_creation(key) or self.creation_conflict()
        AutosaveCreation.objects.filter(created_at__lt=timezone.now() - KEY_LIFETIME).delete()
        response = self.create_refusing_races(form)
        created = self.created_object()
        # Only an object that is still in the database: a save refused after the insert was rolled back,
        # and its id (still set in memory) may later belong to someone else's object.
        if created is not None and created.pk is not None and type(created)._default_manager.filter(pk=created.pk).exists():
            claim.object_id = str(created.pk)
            claim.save(update_fields=["object_id"])
        else:
            claim.delete()
        return response

    def create_refusing_races(self, form):
        """Wagtail's `form_valid`; another tab's page taking the slug meanwhile is a field error, not a 500."""
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ValidationError as error:
            logger.info("Create of %s refused while saving: %s", self.creation_content_type(), error)
            for field, messages in getattr(error, "message_dict", {"__all__": error.messages}).items():
                form.add_error(field if field in form.fields else None, messages)
            return self.form_invalid(form)

    def carry_on_in_edit_view(self, pk: str) -> HttpResponse:
        """This form already created object `pk`: a background autosave gets a refusal (the editor's own
        submit is on its way), anything else runs in the edit view on the same request."""
        if self.expects_json_response:
            return self.creation_conflict()
        logger.info("Create form posted again for %s %s: carried on in its edit view", self.creation_content_type(), pk)
        match = resolve(self.edit_url_for(pk))
        return match.func(self.request, *match.args, **match.kwargs)

    def creation_conflict(self) -> HttpResponse:
        message = _("This form has already been saved. Reload the page to carry on editing it.")
        if self.expects_json_response:
            return JsonResponse({"success": False, "error_code": "invalid_revision", "error_message": message}, status=400)
        return HttpResponse(message, status=409, content_type="text/plain; charset=utf-8")


class AutosaveSafePageCreateMixin(AutosaveSafeCreateMixin):
    """`AutosaveSafeCreateMixin` for Wagtail's page create view."""

    def creation_content_type(self) -> ContentType:
        return self.page_content_type

    def created_object(self):
        return self.page if getattr(self, "page", None) is not None and self.page.pk else None

    def edit_url_for(self, pk: str) -> str:
        return reverse("wagtailadmin_pages:edit", args=[int(pk)])

    def find_created(self, pk: str):
        """The page, None if gone, False if it is not in this create view's folder."""
        page = Page.objects.filter(pk=pk).first()
        if page is None:
            return None
        return page if page.get_parent().pk == self.parent_page.pk else False


class AutosaveSafeSnippetCreateMixin(AutosaveSafeCreateMixin):
    """`AutosaveSafeCreateMixin` for a snippet (generic) create view."""

    def creation_content_type(self) -> ContentType:
        return ContentType.objects.get_for_model(self.model)

    def created_object(self):
        return getattr(self, "object", None)

    def edit_url_for(self, pk: str) -> str:
        return reverse(self.edit_url_name, args=[quote(pk)])

    def find_created(self, pk: str):
        """The snippet, or None if it is gone."""
        return self.model._default_manager.filter(pk=pk).first()

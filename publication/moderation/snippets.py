"""Unit snippets: requests and posts a unit makes that go through the gate like pages do.

The procedures' snippet models (P1.2 rights requests, P1.5 social posts) subclass `UnitRequestMixin`;
`unit_snippet_models()` finds them, so nothing here names a procedure.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publication.organisation.models import Unit

from .gate import enforce_not_locked, publish_in_context
from .snippet_forms import UnitRequestForm


class UnitRequestMixin(models.Model):
    """A request made for a unit; the gate and the head-of-unit task read `unit` and `policy_texts()`."""

    base_form_class = UnitRequestForm

    unit = models.ForeignKey(Unit, verbose_name=_("Unit"), on_delete=models.PROTECT, related_name="+")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Requester"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Created at"), default=timezone.now, editable=False)

    class Meta:
        abstract = True

    def save_revision(self, *args, user=None, **kwargs):
        enforce_not_locked(self, user)
        return super().save_revision(*args, user=user, **kwargs)

    def publish(self, revision, *args, user=None, **kwargs):
        """No request or post is approved past the gate, whatever path asked (see publication.moderation.gate)."""
        return publish_in_context(lambda: super(UnitRequestMixin, self).publish(revision, *args, user=user, **kwargs), user)

    @property
    def owner_unit(self) -> Unit:
        return self.unit

    @property
    def owner_unit_id(self):
        return self.unit_id


def unit_snippet_models() -> tuple[type[models.Model], ...]:
    """Every installed concrete model that is a unit snippet (a `UnitRequestMixin`), in registry order."""
    return tuple(m for m in apps.get_models() if issubclass(m, UnitRequestMixin) and not m._meta.abstract)

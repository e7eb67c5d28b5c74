"""Admin forms for P1.2 rights requests and P1.5 social posts: policy gate and unit choices."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from wagtail.admin.forms import WagtailAdminModelForm

from publication.moderation.forms import PolicyGateFormMixin
from publication.organisation.text_input import StorableTextFormMixin


class UnitRequestForm(StorableTextFormMixin, PolicyGateFormMixin, WagtailAdminModelForm):
    gate_inline_fields = {"justification", "post_text"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from publication.organisation.permissions import units_for_user

        user = self.for_user
        if "unit" in self.fields and user is not None:
            self.fields["unit"].queryset = units_for_user(user)
            if self.fields["unit"].queryset.count() == 1 and not self.instance.unit_id:
                self.fields["unit"].initial = self.fields["unit"].queryset.first().pk
        if "staff" in self.fields:
            self.fields["staff"].queryset = get_user_model().objects.filter(is_active=True).order_by("first_name")
        # A time stored with seconds (set by code, e.g. the demo's posts) is shown to the minute: compare
        # it to the minute too, or the untouched form looks changed and approving from the edit screen
        # saves a new revision, which sends the workflow back to the head.
        for name, field in self.fields.items():
            value = self.initial.get(name)
            widget_format = getattr(field.widget, "format", None) or ""
            if isinstance(value, datetime.datetime) and widget_format and "%S" not in widget_format:
                self.initial[name] = value.replace(second=0, microsecond=0)

    def save(self, commit=True):
        if self.instance.requester_id is None and self.for_user is not None:
            self.instance.requester = self.for_user
        return super().save(commit=commit)

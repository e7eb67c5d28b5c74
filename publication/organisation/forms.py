"""Admin form for units: every bad input gets a Thai message on its field, nothing half-saved."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


class UnitForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True).order_by("first_name", "username")
        if "heads" in self.fields:
            self.fields["heads"].queryset = users
        if "editors" in self.fields:
            self.fields["editors"].queryset = users
        if "contact_email" in self.fields:
            # The form field validates first; give it the model's Thai message, not Django's generic one.
            model_field = self._meta.model._meta.get_field("contact_email")
            self.fields["contact_email"].error_messages["invalid"] = model_field.error_messages["invalid"]
        if "parent" in self.fields and self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(pk=self.instance.pk)

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def clean_heads(self):
        heads = self.cleaned_data.get("heads")
        if heads is None:
            return heads
        not_staff = [user for user in heads if not user.is_staff]
        if not_staff:
            names = ", ".join(user.get_full_name() or user.get_username() for user in not_staff)
            raise forms.ValidationError(
                _("Heads of unit must be university staff (accounts with staff status): %(names)s"),
                params={"names": names},
                code="head_not_staff",
            )
        return heads

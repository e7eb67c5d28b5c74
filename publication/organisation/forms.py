"""Admin form for units: every bad input gets a Thai message on its field, nothing half-saved."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.utils import get_user_display_name


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


class UserChoiceField(forms.ModelChoiceField):
    """A person picker that lists people by name (Thai full name), not by login name."""

    def label_from_instance(self, obj):
        return get_user_display_name(obj)


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return get_user_display_name(obj)


def _user_many_to_many(db_field):
    if db_field.related_model is get_user_model():
        return {"form_class": UserMultipleChoiceField}
    return None


def register_user_choice_fields():
    """Every admin form's user field (heads, editors, acting heads, receiving officer) names people.

    Django labels a user by `__str__`, the login name; Wagtail's form field registry is the supported
    place to give all `WagtailAdminModelForm` fields to a model another form field.
    """
    register_form_field_override(models.ForeignKey, to=settings.AUTH_USER_MODEL, override={"form_class": UserChoiceField})
    register_form_field_override(models.ManyToManyField, override=_user_many_to_many)

"""Who may see and act on a unit's requests: its editors, heads and acting heads, and the webmasters."""

from __future__ import annotations

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from publication.organisation.models import Unit, units_approved_by
from publication.organisation.provisioning import WEBMASTERS


def is_webmaster(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.groups.filter(name=WEBMASTERS).exists())


def units_for_user(user):
    if is_webmaster(user):
        return Unit.objects.all()
    if not user.is_authenticated:
        return Unit.objects.none()
    return Unit.objects.filter(
        Q(editors=user) | Q(heads=user) | Q(pk__in=units_approved_by(user).values("pk"))
    ).distinct()


def unit_items_for_user(queryset, user):
    """Narrow a queryset of unit requests or posts to the user's units (webmasters and superusers: all)."""
    return queryset if is_webmaster(user) else queryset.filter(unit__in=units_for_user(user))


def user_may_see_unit_item(user, obj) -> bool:
    """Whether `obj` (a request or post, or a revision of one) belongs to one of the user's units.

    Decided on the stored record, not on the instance's `unit`: views hand over the latest revision
    or an old one as the object, and a revision's unit is not where the record belongs now.
    """
    if is_webmaster(user):
        return True
    if obj.pk is None:  # not stored yet: the unit chosen on the form
        return units_for_user(user).filter(pk=obj.unit_id).exists()
    return unit_items_for_user(type(obj)._default_manager.filter(pk=obj.pk), user).exists()


class UnitScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the requests of the user's own units (webmasters see all)."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return user_may_see_unit_item(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return unit_items_for_user(super().instances_user_has_any_permission_for(user, actions), user)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

"""Who may see and act on a unit's requests: its editors, heads and acting heads, and the webmasters."""

from __future__ import annotations

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Unit, units_approved_by
from .provisioning import WEBMASTERS


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


class UnitScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the requests of the user's own units (webmasters see all)."""

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return is_webmaster(user) or units_for_user(user).filter(pk=instance.unit_id).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        return queryset if is_webmaster(user) else queryset.filter(unit__in=units_for_user(user))

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

"""Django's admin at /django-admin/: superusers only, and no login form of its own (issue 13).

Staff work in Wagtail's admin; nothing of ours is registered here. What Django's admin adds is for
the people who run the server: django-tasks results, django-axes records, users and groups as Django
sees them. Before issue 13 its login page was a second password form open to every staff account.
Now every URL under it, the login page included, answers 404 to anyone but a signed-in active
superuser, so there is no second form to guess at and no hint that the admin exists. Superusers sign
in through Wagtail's throttled /admin/login/ and then open /django-admin/.

Installed as Django's default admin site by `SuperuserAdminConfig` (in INSTALLED_APPS in place of
`django.contrib.admin`), so `admin.site` and every `admin.register` elsewhere use it.
"""

from functools import update_wrapper

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse


class SuperuserAdminSite(AdminSite):
    """Django's AdminSite that exists only for signed-in active superusers (404 for everyone else)."""

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def admin_view(self, view, cacheable=False):
        """Django's wrapper redirects an outsider to the admin's login form; this one answers 404."""
        wrapped = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            if not self.has_permission(request):
                raise Http404
            return wrapped(request, *args, **kwargs)

        return update_wrapper(inner, wrapped)

    def login(self, request, extra_context=None):
        """No password form here: a superuser already signed in goes to the index, anyone else gets 404."""
        if self.has_permission(request):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        raise Http404


class SuperuserAdminConfig(AdminConfig):
    default_site = "pcru_site.django_admin.SuperuserAdminSite"

"""The site's URLs plus the demo images (images only, as in dev), for `make lighthouse` with DEBUG off."""

from pathlib import Path

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from pcru_site.urls import handler404, handler500
from pcru_site.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>(?:images|original_images)/.*)$", serve, {"document_root": Path(settings.MEDIA_ROOT)}),
    *site_urlpatterns,
]

__all__ = ["handler404", "handler500", "urlpatterns"]

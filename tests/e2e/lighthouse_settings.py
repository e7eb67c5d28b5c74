"""Settings for `make lighthouse`: the dev settings with DEBUG off, so pages (the 404 too) are what the public gets.

`runserver --insecure` serves the static files; `lighthouse_urls` adds the demo images under MEDIA_URL.
"""

from pcru_site.settings.dev import *  # noqa: F403

DEBUG = False
# No task worker runs beside Lighthouse's server: background tasks run inline, as before dev used one.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ROOT_URLCONF = "tests.e2e.lighthouse_urls"

"""Production: everything sensitive must come from the environment, or the process refuses to start."""

import os

from django.core.checks.security.base import SECRET_KEY_INSECURE_PREFIX, SECRET_KEY_MIN_LENGTH, SECRET_KEY_MIN_UNIQUE_CHARACTERS
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False

_REQUIRED = ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "WAGTAILADMIN_BASE_URL", "EMAIL_HOST"]
_missing = [name for name in _REQUIRED if not os.environ.get(name, "").strip()]
if _missing:
    raise ImproperlyConfigured("Missing required environment variable(s) for production: " + ", ".join(_missing))

SECRET_KEY = os.environ["SECRET_KEY"]
# Django's own rule (check security.W009), enforced at start-up instead of a warning nobody reads: a key
# this short or this repetitive can be guessed, and with it every session and password-reset link forged.
if (
    len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
    or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
    or SECRET_KEY.startswith(SECRET_KEY_INSECURE_PREFIX)
):
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak for production: it must be at least {SECRET_KEY_MIN_LENGTH} characters long, "
        f"contain at least {SECRET_KEY_MIN_UNIQUE_CHARACTERS} different characters and not start with "
        f"'{SECRET_KEY_INSECURE_PREFIX}'. Generate one with: python -c "
        "'from django.core.management.utils import get_random_secret_key; print(get_random_secret_key())'"
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")  # noqa: F405
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list real host names, not '*'.")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS only (issue 13). Headers that do not depend on HTTPS (Content-Security-Policy, Referrer-Policy,
# X-Frame-Options, nosniff) are set in base.py, so dev and the tests send them too.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)  # false only if the proxy redirects itself
# Behind a TLS-terminating proxy (nginx), Django sees plain HTTP: SECURE_PROXY_SSL_HEADER names the header the
# proxy sets, e.g. X-Forwarded-Proto (nginx: `proxy_set_header X-Forwarded-Proto $scheme;`). Only then is it
# trusted: without a proxy that overwrites it, any client could send it and pass as HTTPS.
if os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip():
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + os.environ["SECURE_PROXY_SSL_HEADER"].strip().upper().replace("-", "_"), "https")
# HSTS: browsers that saw the site once refuse plain HTTP to it for a year, subdomains of the site's host
# included. Preload stays off unless ARIT decides it for the whole domain: the browsers' preload list is
# built into their releases and takes months to leave, and binds every subdomain (a faculty's HTTP-only
# server, an intranet printer page) to HTTPS with no way back from the server.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "").strip() or 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
if not SECURE_HSTS_PRELOAD:
    # check --deploy's W021 asks for preload; leaving it off is the decision above.
    SILENCED_SYSTEM_CHECKS = [*globals().get("SILENCED_SYSTEM_CHECKS", []), "security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

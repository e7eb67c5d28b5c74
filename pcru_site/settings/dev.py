"""Local development: DEBUG on, e-mails printed to the console unless EMAIL_BACKEND says otherwise."""

import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
# A fixed key is acceptable only here: dev never faces the public.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

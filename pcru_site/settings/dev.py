"""Local development: DEBUG on, e-mails printed to the console unless EMAIL_BACKEND says otherwise,
background tasks in the database for `manage.py db_worker` (`make run` starts it)."""

import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
# A fixed key is acceptable only here: dev never faces the public.
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Background work runs in `manage.py db_worker`, which `make run` starts beside the web server, so
# no request waits on the mail server (with the immediate backend a Submit waited for SMTP).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

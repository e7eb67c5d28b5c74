"""E-mail and task backends for tests: failure paths of Django's mail API and of django-tasks."""

from __future__ import annotations

import smtplib

from django.core.mail.backends.base import BaseEmailBackend
from django_tasks.backends.immediate import ImmediateBackend


class DisconnectedEmailBackend(BaseEmailBackend):
    """Behaves like an SMTP server that drops the connection: every send raises."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class UnavailableTaskBackend(ImmediateBackend):
    """A task backend whose queue cannot be reached (like a database worker's table being down)."""

    def enqueue(self, task, args, kwargs):
        raise ConnectionError("task queue unavailable")

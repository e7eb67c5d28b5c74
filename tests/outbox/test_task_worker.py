"""With the database task backend (dev's `make run`, production), a request only queues: the e-mails
of a Submit leave from the worker (`manage.py db_worker`), never inside the request."""

from __future__ import annotations

import importlib
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from publication.outbox.models import Notification, NotificationStatus
from tests.flows.helpers import add_news

pytestmark = pytest.mark.django_db

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SEND_TASK = "publication.outbox.notifications.send_notification"


def test_dev_settings_use_the_database_worker(monkeypatch):
    import pcru_site.settings.dev as dev

    monkeypatch.delenv("TASKS_BACKEND", raising=False)
    assert importlib.reload(dev).TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


# Committed for real: the worker takes its tasks in a transaction of its own, as it does in dev.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_submit_enqueues_the_mail_and_sends_nothing_in_the_request(client, demo, settings):
    settings.TASKS = DATABASE_BACKEND
    # A mail server that fails would show in the request's time and errors; none is reached at all.
    settings.EMAIL_BACKEND = "tests.outbox.mail_backends.DisconnectedEmailBackend"
    client.force_login(demo.user("huso_editor"))
    response = add_news(client, demo.units["HUSO"].news_index, "เสวนาภาษาและวัฒนธรรมท้องถิ่นเพชรบูรณ์", slug="seminar")
    assert response.status_code == 302, response.content[:2000]

    submitted = Notification.objects.filter(kind="task_submitted")
    assert submitted.exists()
    # Queued and untouched: no attempt was made inside the request.
    assert set(submitted.values_list("status", "attempts")) == {(NotificationStatus.QUEUED, 0)}
    assert mail.outbox == []
    waiting = DBTaskResult.objects.filter(task_path=SEND_TASK, status="READY")
    assert sorted(task.args_kwargs["args"][0] for task in waiting) == sorted(submitted.values_list("pk", flat=True))

    # The worker sends them.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("db_worker", batch=True, startup_delay=False, reload=False, stdout=io.StringIO())
    assert set(submitted.values_list("status", flat=True)) == {NotificationStatus.SENT}
    assert {message.to[0] for message in mail.outbox} == set(submitted.values_list("recipient", flat=True))

"""Issue 13 (red-team pass): the password forms django-axes does not see have their own limits.

A private page's password (Wagtail page privacy) and the admin's password reset, through their real URLs.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from publication.outbox.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_page(demo, make_news):
    page = make_news(demo.units["SCI"].news_index, "ประกาศผลการคัดเลือกนักศึกษาทุน", owner_unit=demo.units["SCI"])
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="ทุน2569")
    return page, restriction


def password_url(page, restriction) -> str:
    return reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])


def test_a_private_pages_password_is_not_open_to_guessing(client, settings, private_page):
    settings.PAGE_PASSWORD_RATE = "5/15m"
    page, restriction = private_page
    url = password_url(page, restriction)
    for guess in range(5):
        response = client.post(url, {"password": f"guess{guess}", "return_url": page.url})
        assert response.status_code == 200  # Wagtail's form again, "incorrect password"
    refused = client.post(url, {"password": "ทุน2569", "return_url": page.url})
    assert refused.status_code == 429  # the right password too, once the limit is passed
    assert "ลองรหัสผ่านผิดหลายครั้งเกินไป" in refused.content.decode()
    # Another reader (another address) is not held back by the guesser.
    other = client.post(url, {"password": "ทุน2569", "return_url": page.url}, REMOTE_ADDR="10.20.30.40")
    assert other.status_code == 302 and other.url == page.url


def test_password_reset_queues_a_few_emails_per_address_then_answers_the_same_without_queuing(
    client, demo, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_RATE_PER_ADDRESS = "3/h"
    address = demo.user("sci_editor").email
    for _attempt in range(5):
        with django_capture_on_commit_callbacks():
            response = client.post(reverse("wagtailadmin_password_reset"), {"email": address})
        assert response.status_code == 302 and response.url == reverse("wagtailadmin_password_reset_done")
    assert Notification.objects.filter(kind="password_reset").count() == 3

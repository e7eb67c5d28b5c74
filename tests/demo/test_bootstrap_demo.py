"""`manage.py bootstrap_demo` builds the full demo university and is idempotent."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page

from publication.organisation.models import Unit
from publication.pages.models import NewsIndexPage, NewsPage
from tests.conftest import DEMO_PASSWORD, run_bootstrap_demo

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "units": Unit.objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "pages": Page.objects.count(),
        "news": NewsPage.objects.live().count(),
        "images": get_image_model().objects.count(),
        "page_perms": GroupPagePermission.objects.count(),
    }


def test_bootstrap_demo_is_complete_and_idempotent():
    run_bootstrap_demo(no_news=False)
    first = counts()
    run_bootstrap_demo(no_news=False)
    assert counts() == first

    assert first["news"] >= 30
    assert first["images"] == first["news"]
    codes = set(Unit.objects.values_list("code", flat=True))
    assert {"ARIT", "PRES"} <= codes
    assert Unit.objects.filter(kind="faculty").count() >= 3
    assert NewsPage.objects.values("owner_unit").distinct().count() >= 4
    assert not NewsPage.objects.filter(owner_unit__isnull=True).exists()
    assert not NewsPage.objects.exclude(cover_image_alt__gt="").filter(cover_image__isnull=False).exists()
    assert NewsIndexPage.objects.filter(aggregate_all_units=True).count() == 1
    for username in ("webmaster", "executive", "clerk", "arit_director", "sci_editor", "sci_head"):
        assert get_user_model().objects.get(username=username).check_password(DEMO_PASSWORD)

"""`manage.py bootstrap_demo` builds the full demo university and is idempotent."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page

from publication.demo.news import NEWS
from publication.moderation.gate import trusted_publication
from publication.organisation.models import Unit
from publication.pages.models import NewsIndexPage, NewsPage
from publication.pages.slugs import slugify_thai
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


def test_demo_news_slugs_keep_thai_words_and_older_demos_get_them(client, django_capture_on_commit_callbacks):
    """Issue 12 (3): each demo news item lives at the slug of its title, vowels and tone marks kept; a
    demo made before (news-01, news-02, …) gets those slugs on the next run, its old links redirected."""
    run_bootstrap_demo(no_news=False)
    news = list(NewsPage.objects.live().order_by("pk"))
    assert [page.slug for page in news] == [slugify_thai(page.title) for page in news]
    camp = next(page for page in news if page.title == NEWS[7][3])
    assert camp.slug == "ค่ายวิทยาศาสตร์สัญจรสู่โรงเรียนในอำเภอเขาค้อ"
    for page in news:
        response = client.get(page.url)
        assert response.status_code == 200 and page.title in response.content.decode(), page.url

    # The demo as bootstrap_demo made it before: slug news-08 for the eighth item, published.
    with trusted_publication("test: a demo made before issue 12"):
        camp.slug = "news-08"
        camp.save_revision().publish()
    old_url = NewsPage.objects.get(pk=camp.pk).url
    assert old_url.endswith("/news-08/")
    before = counts()

    with django_capture_on_commit_callbacks(execute=True):  # Wagtail makes redirects after the commit
        run_bootstrap_demo(no_news=False)
    camp.refresh_from_db()
    assert camp.slug == slugify_thai(camp.title) and camp.live_revision.as_object().slug == camp.slug
    assert counts() == before
    assert client.get(camp.url).status_code == 200
    response = client.get(old_url)
    assert response.status_code in (301, 302) and response["Location"].endswith(camp.url)

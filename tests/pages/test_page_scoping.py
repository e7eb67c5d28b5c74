"""Issue 9: other units' page drafts are sealed in every admin listing, chooser, API and page view.

Unit editors and heads hold "add" on the university news folder, which makes every page in it
explorable to them in Wagtail. `publication.pages.page_policy` narrows that: unit staff see live pages, and
drafts only of their own units (owner unit or section) or of their own; webmasters and superusers see
everything; central roles see no unit draft.

Each title carries an ASCII marker, so a leak shows in HTML and JSON alike.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.permissions import policy_registry

from publication.pages.models import NewsPage
from publication.pages.page_policy import UnitScopedPagePermissionPolicy
from tests.flows.helpers import add_news

pytestmark = pytest.mark.django_db

SEALED = "SCISEALED"  # in both SCI drafts' titles; the searches ask for it
MARKERS = (f"{SEALED}-NEWS", f"{SEALED}-UNIT")  # a title, not the echoed search term
LIVE = "SCIOPEN-LIVE"
SCI_ROLES = ("sci_editor", "sci_head", "webmaster")
OUTSIDERS = ("huso_editor", "huso_head", "executive", "clerk", "arit_director")


@pytest.fixture
def pages(client, demo, make_news):
    sci = demo.units["SCI"]
    client.force_login(demo.user("sci_editor"))
    for folder, title, slug, owner in (
        (demo.university_news, f"{SEALED}-NEWS ร่างข่าวค่ายวิทยาศาสตร์", "sealed-news", sci),
        (sci.news_index, f"{SEALED}-UNIT ร่างข่าวในส่วนของคณะ", "sealed-unit", None),
    ):
        response = add_news(client, folder, title, slug=slug, owner_unit=owner, action=None)
        assert response.status_code == 302, response.content[:2000]
    client.logout()
    live = make_news(demo.university_news, f"{LIVE} ข่าวที่เผยแพร่แล้ว", owner_unit=sci, slug="sci-open-live")
    drafts = {page.slug: page for page in NewsPage.objects.filter(slug__startswith="sealed-")}
    assert all(not page.live for page in drafts.values())
    return {"news": drafts["sealed-news"], "unit": drafts["sealed-unit"], "live": live}


def listing_urls(demo, pages) -> dict[str, str]:
    """Listings that show many pages: the SCI drafts must not appear in them for outsiders."""
    news, sci_folder = demo.university_news.pk, demo.units["SCI"].news_index.pk
    api = reverse("wagtailadmin_api:pages:listing")
    return {
        "explore_news": reverse("wagtailadmin_explore", args=[news]),
        "explore_news_results": reverse("wagtailadmin_explore_results", args=[news]),
        "explore_news_search": reverse("wagtailadmin_explore", args=[news]) + f"?q={SEALED}&search_all=1",
        "explore_sci": reverse("wagtailadmin_explore", args=[sci_folder]),
        "search": reverse("wagtailadmin_pages:search") + f"?q={SEALED}",
        "search_results": reverse("wagtailadmin_pages:search_results") + f"?q={SEALED}",
        "search_all": reverse("wagtailadmin_pages:search") + "?q=ข่าว",
        "api_news": f"{api}?child_of={news}&for_explorer=1",
        "api_news_plain": f"{api}?child_of={news}",
        "api_sci": f"{api}?child_of={sci_folder}&for_explorer=1",
        "api_search": f"{api}?search={SEALED}",
        "chooser_news": reverse("wagtailadmin_choose_page_child", args=[news]),
        "chooser_sci": reverse("wagtailadmin_choose_page_child", args=[sci_folder]),
        "chooser_search": reverse("wagtailadmin_choose_page_search") + f"?q={SEALED}",
        "type_use": reverse("wagtailadmin_pages:type_use", args=["pages", "newspage"]),
        "type_use_results": reverse("wagtailadmin_pages:type_use_results", args=["pages", "newspage"]),
    }


# Listings where the SCI drafts must still show for the SCI roles and the webmaster (so the test can fail).
SCI_SEES = {
    "explore_news": ("NEWS",),
    "explore_news_results": ("NEWS",),
    "explore_news_search": ("NEWS",),
    "search": ("NEWS",),
    "search_results": ("NEWS",),
    "api_news": ("NEWS",),
    "api_news_plain": ("NEWS",),
    "chooser_news": ("NEWS",),
    "chooser_sci": ("UNIT",),
    "chooser_search": ("NEWS", "UNIT"),
    "type_use": ("NEWS",),
    "type_use_results": ("NEWS",),
}
# Listings where the live SCI news stays visible to everyone who may open them.
LIVE_LISTED = ("explore_news", "explore_news_results", "api_news", "chooser_news", "type_use")


def object_urls(pages) -> dict[str, tuple[str, str]]:
    """(URL, method) of views about one draft: refused to outsiders, never rendering its title."""
    urls = {}
    for key in ("news", "unit"):
        page = pages[key]
        revision = page.latest_revision
        urls.update(
            {
                f"{key}_edit": (reverse("wagtailadmin_pages:edit", args=[page.pk]), "get"),
                f"{key}_explore": (reverse("wagtailadmin_explore", args=[page.pk]), "get"),
                f"{key}_history": (reverse("wagtailadmin_pages:history", args=[page.pk]), "get"),
                f"{key}_history_results": (reverse("wagtailadmin_pages:history_results", args=[page.pk]), "get"),
                f"{key}_workflow_history": (reverse("wagtailadmin_pages:workflow_history", args=[page.pk]), "get"),
                f"{key}_revision": (reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]), "get"),
                f"{key}_compare": (
                    reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "earliest", "latest"]),
                    "get",
                ),
                f"{key}_view_draft": (reverse("wagtailadmin_pages:view_draft", args=[page.pk]), "get"),
                f"{key}_preview": (reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]), "get"),
                f"{key}_usage": (reverse("wagtailadmin_pages:usage", args=[page.pk]), "get"),
                f"{key}_api_detail": (reverse("wagtailadmin_api:pages:detail", args=[page.pk]), "get"),
                f"{key}_api_find": (reverse("wagtailadmin_api:pages:find") + f"?id={page.pk}", "get"),
                f"{key}_chooser_browse": (reverse("wagtailadmin_choose_page_child", args=[page.pk]), "get"),
            }
        )
    return urls


def text_of(response) -> str:
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


def get(client, url):
    response = client.get(url)
    assert response.status_code in (200, 302, 400, 403, 404), (url, response.status_code)  # 400: API "parent not found"
    return response


def test_the_registered_page_policy_is_ours():
    """Wagtail registers its own for AbstractPage when `wagtail.permissions` is imported; ours must win."""
    assert isinstance(policy_registry.get_by_type(Page), UnitScopedPagePermissionPolicy)
    assert isinstance(policy_registry.get_by_type(NewsPage), UnitScopedPagePermissionPolicy)
    assert isinstance(policy_registry.get(NewsPage()), UnitScopedPagePermissionPolicy)


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_never_see_sci_drafts_in_listings(client, demo, pages, role):
    client.force_login(demo.user(role))
    leaks = []
    for name, url in listing_urls(demo, pages).items():
        response = get(client, url)
        if any(marker in text_of(response) for marker in MARKERS):
            leaks.append(name)
    assert leaks == [], f"{role} sees SCI drafts in {leaks}"


@pytest.mark.parametrize("role", ("huso_editor", "huso_head"))
def test_live_pages_stay_listed_for_other_units(client, demo, pages, role):
    client.force_login(demo.user(role))
    urls = listing_urls(demo, pages)
    for name in LIVE_LISTED:
        response = get(client, urls[name])
        assert response.status_code == 200, name
        assert LIVE in text_of(response), f"{role} no longer sees the live SCI news in {name}"


@pytest.mark.parametrize("role", SCI_ROLES)
def test_sci_staff_and_webmaster_still_see_sci_drafts(client, demo, pages, role):
    client.force_login(demo.user(role))
    urls = listing_urls(demo, pages)
    missing = []
    for name, kinds in SCI_SEES.items():
        body = text_of(get(client, urls[name]))
        missing += [f"{name}:{kind}" for kind in kinds if f"{SEALED}-{kind}" not in body]
    assert missing == [], f"{role} misses its drafts in {missing}"


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_are_refused_the_drafts_own_views(client, demo, pages, role):
    client.force_login(demo.user(role))
    leaks = []
    for name, (url, _method) in object_urls(pages).items():
        response = get(client, url)
        if response.status_code == 200 or any(marker in text_of(response) for marker in MARKERS):
            leaks.append((name, response.status_code))
    assert leaks == [], f"{role} opens {leaks}"


@pytest.mark.parametrize("role", ("sci_editor", "webmaster"))
def test_the_author_and_webmaster_still_open_the_drafts(client, demo, pages, role):
    client.force_login(demo.user(role))
    for name in ("news_edit", "news_history", "news_revision", "news_api_detail", "unit_edit", "unit_history"):
        url, _method = object_urls(pages)[name]
        response = get(client, url)
        assert response.status_code == 200, (name, response.status_code)
        assert SEALED in text_of(response), name

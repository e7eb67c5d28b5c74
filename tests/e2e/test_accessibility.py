"""The public site's accessibility in a real browser: axe-core (WCAG 2.1 A/AA), keyboard, 360 px and 200 % zoom.

axe-core comes from tests/e2e/node_modules (`make e2e` runs `npm ci` there) and is injected by Playwright.
The site is the demo university with its Thai news and locally drawn cover images.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from .conftest import AXE_JS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def site_with_news(e2e):
    from django.core.cache import cache
    from wagtail.models import Site

    from publication.pages.models import NewsPage
    from tests.conftest import run_bootstrap_demo

    site = Site.objects.get(is_default_site=True)
    hostname, port = site.hostname, site.port
    run_bootstrap_demo(no_news=False)
    Site.objects.filter(pk=site.pk).update(hostname=hostname, port=port)
    cache.clear()
    news = NewsPage.objects.live().exclude(cover_image=None).order_by("-date").first()
    assert news is not None
    return {
        "home": "/",
        "news-index": e2e.demo.university_news.url,
        "news-page": news.url,
        "unit-directory": e2e.demo.unit_index.url,
        "search": "/search/?q=ข่าว",
        "404": "/ไม่มีหน้านี้-404/",
    }


def run_axe(page) -> list[dict]:
    if not AXE_JS.is_file():
        pytest.fail(f"axe-core is missing at {AXE_JS}: run `make e2e-packages` (npm ci in tests/e2e)", pytrace=False)
    # Evaluated through the DevTools protocol: an injected inline <script> is what the site's
    # Content-Security-Policy refuses, and rightly so.
    page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
            "summary": v["nodes"][0].get("failureSummary", "") if v["nodes"] else "",
        }
        for v in result["violations"]
    ]


@pytest.mark.parametrize("name", ["home", "news-index", "news-page", "unit-directory", "search", "404"])
def test_axe_finds_no_wcag21_aa_violations(e2e, site_with_news, name):
    page = e2e.new_page(viewport={"width": 1280, "height": 900})
    response = page.goto(e2e.url(site_with_news[name]))
    assert response.status == (404 if name == "404" else 200)
    page.wait_for_load_state("load")
    violations = run_axe(page)
    (e2e.output / "axe.json").write_text(json.dumps(violations, ensure_ascii=False, indent=2), encoding="utf-8")
    e2e.shot(page, name)
    assert violations == [], json.dumps(violations, ensure_ascii=False, indent=2)


def test_keyboard_skip_link_and_visible_focus(e2e, site_with_news):
    page = e2e.new_page(viewport={"width": 1280, "height": 900})
    page.goto(e2e.url("/"))
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("ข้ามไปยังเนื้อหาหลัก")
    expect(skip).to_have_attribute("href", "#main")
    box = skip.bounding_box()
    assert box and box["width"] > 20 and box["height"] > 10 and box["y"] >= 0, f"skip link not visible: {box}"
    assert skip.evaluate("el => getComputedStyle(el).outlineStyle !== 'none' || getComputedStyle(el).boxShadow !== 'none'")
    e2e.shot(page, "skip-link-focused", full_page=False)
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_id("main")

    # Tab on through the page: every focused control shows a visible outline.
    for step in range(8):
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        style = focused.evaluate(
            "el => { const s = getComputedStyle(el); return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth),"
            " shadow: s.boxShadow, tag: el.tagName, text: el.textContent.trim().slice(0, 40)}; }"
        )
        visible = (style["outline"] != "none" and style["width"] >= 2) or style["shadow"] != "none"
        assert visible, f"focus not visible on step {step}: {style}"
    e2e.shot(page, "focus-outline", full_page=False)


@pytest.mark.parametrize(
    "label,context_options",
    [
        ("360px", {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True}),
        ("zoom-200", {"viewport": {"width": 640, "height": 450}, "device_scale_factor": 2}),
    ],
)
def test_readable_on_a_small_screen_and_at_200_percent_zoom(e2e, site_with_news, label, context_options):
    """A 1280 px window at 200 % zoom lays out as 640 CSS px; a phone is 360 CSS px wide."""
    page = e2e.new_page(**context_options)
    for name in ("home", "news-page"):
        page.goto(e2e.url(site_with_news[name]))
        page.wait_for_load_state("load")
        overflow = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        e2e.shot(page, f"{name}-{label}")
        assert overflow[0] <= overflow[1], f"horizontal overflow on {name} at {label}: {overflow}"
        expect(page.get_by_role("heading", level=1).first).to_be_visible()

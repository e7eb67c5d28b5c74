"""Issue 13: Content-Security-Policy, the other security headers, and production settings that refuse to be weak.

- The public site (home, news, search, every page type) runs under a policy with no inline code and no eval;
  its HTML holds no inline executable script, event-handler attribute, style attribute or <style> element.
- Signed-in staff in /admin/ get the admin policy (pcru_site/settings/base.py says why each exception);
  the login and password-reset screens keep the public one.
- `CSP_REPORT_ONLY=true` turns both into Content-Security-Policy-Report-Only.
- Production settings pass `manage.py check --deploy` with no warning and refuse a weak SECRET_KEY.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.core.management.utils import get_random_secret_key
from django.urls import reverse
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.exceptions import EmbedUnsupportedProviderException
from wagtail.embeds.finders import get_finders
from wagtail.embeds.models import Embed
from wagtail.models import Page, get_page_models

from publication.moderation.gate import trusted_publication

pytestmark = pytest.mark.django_db

BASE_DIR = Path(django_settings.BASE_DIR)
SEARCH_WORD = "วิทยาศาสตร์"
YOUTUBE_URL = "https://www.youtube.com/watch?v=jNQXAC9IVRw"

PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["https://www.youtube.com"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
ADMIN_POLICY = {
    **PUBLIC_POLICY,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "frame-src": ["'self'", "https://www.youtube.com"],
    "frame-ancestors": ["'self'"],
}
# Script types a browser executes; anything else (application/json, application/ld+json) is data.
JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript"}


def policy(header: str | None) -> dict[str, list[str]]:
    """A CSP header as {directive: [sources]} (django-csp does not keep the directives' order)."""
    assert header, "no Content-Security-Policy header"
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


# --- the public site -----------------------------------------------------------------------------


@pytest.fixture
def news_page(demo, make_news, make_image):
    return make_news(
        demo.units["SCI"].news_index,
        "คณะวิทยาศาสตร์จัดค่ายวิทยาศาสตร์สำหรับนักเรียนมัธยม",
        owner_unit=demo.units["SCI"],
        image=make_image("ภาพค่ายวิทยาศาสตร์"),
    )


@pytest.mark.parametrize("where", ["home", "news page", "search"])
def test_public_pages_send_the_strict_policy(client, news_page, where):
    url = {"home": "/", "news page": news_page.url, "search": f"{reverse('search')}?q={SEARCH_WORD}"}[where]
    response = client.get(url)

    assert response.status_code == 200
    directives = policy(response.headers.get("Content-Security-Policy"))
    assert directives == PUBLIC_POLICY
    assert "'unsafe-inline'" not in directives["script-src"]
    assert not any("unsafe-eval" in source for sources in directives.values() for source in sources)
    assert "Content-Security-Policy-Report-Only" not in response.headers


def test_public_pages_send_the_other_security_headers(client, demo):
    response = client.get("/")

    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_not_found_page_sends_the_strict_policy(client, demo):
    response = client.get("/ไม่มีหน้านี้/")

    assert response.status_code == 404
    assert policy(response.headers.get("Content-Security-Policy")) == PUBLIC_POLICY


def _publish(parent, page):
    """Stands for content published before the test; the policy checks still run."""
    with trusted_publication("test fixture: every public page type"):
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page


@pytest.fixture
def every_page_type(demo, news_page, make_image):
    """A live page of each page type, the news page's body using every block the public templates render."""
    from publication.letters.notices import ExternalNoticeIndexPage, ExternalNoticePage
    from publication.pages.models import NewsPage

    # The embed as YouTube's oEmbed answers it, stored the way Wagtail caches it (no network in tests).
    Embed.objects.create(
        url=YOUTUBE_URL,
        hash=get_embed_hash(YOUTUBE_URL),
        type="video",
        provider_name="YouTube",
        width=200,
        height=113,
        html='<iframe width="200" height="113" src="https://www.youtube.com/embed/jNQXAC9IVRw?feature=oembed" '
        'frameborder="0" allowfullscreen title="วิดีโอแนะนำคณะวิทยาศาสตร์"></iframe>',
    )
    image = make_image("ภาพบรรยากาศการอบรม")
    body = [
        {"type": "heading", "value": {"text": "กำหนดการอบรม", "level": "h2"}},
        {"type": "paragraph", "value": '<p>คณะวิทยาศาสตร์จัดอบรม <b>ครูวิทยาศาสตร์</b> <a href="/about/">รายละเอียด</a></p>'},
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "ผู้เข้าอบรมในห้องปฏิบัติการ", "decorative": False},
                "caption": "บรรยากาศการอบรม",
                "credit": "ภาพ: งานประชาสัมพันธ์",
            },
        },
        {"type": "quote", "value": {"quote": "การอบรมครั้งนี้เป็นประโยชน์ต่อครู", "attribution": "คณบดีคณะวิทยาศาสตร์"}},
        {
            "type": "table",
            "value": {
                "data": [["วันที่", "กิจกรรม"], ["25 พ.ย. 69", "ลงทะเบียน"]],
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "กำหนดการ",
            },
        },
        {"type": "embed", "value": {"embed": YOUTUBE_URL, "caption": "วิดีโอแนะนำคณะ"}},
    ]
    sci = demo.units["SCI"]
    _publish(
        sci.news_index,
        NewsPage(
            title="คณะวิทยาศาสตร์จัดอบรมครูวิทยาศาสตร์",
            slug="khru-witthayasat",
            summary="สรุปข่าวการอบรมครูวิทยาศาสตร์",
            date=news_page.date,
            owner_unit=sci,
            body=json.dumps(body),
            publisher_name="ณัฐวุฒิ สายทอง",
            publisher_position="นักวิชาการคอมพิวเตอร์",
        ),
    )
    _publish(
        ExternalNoticeIndexPage.objects.get(),
        ExternalNoticePage(
            title="ประกาศรับสมัครทุนการศึกษาของจังหวัดเพชรบูรณ์",
            slug="thun-kan-sueksa",
            agency_name="สำนักงานจังหวัดเพชรบูรณ์",
            owner_unit=demo.units["ARIT"],
            intro="จังหวัดเพชรบูรณ์ประกาศรับสมัครทุนการศึกษา",
            body=json.dumps([{"type": "paragraph", "value": "<p>ผู้สนใจสมัครได้ที่สำนักงานจังหวัดเพชรบูรณ์</p>"}]),
        ),
    )
    pages = {}
    for model in get_page_models():
        if model is Page:
            continue
        page = model.objects.live().order_by("-pk").first()
        assert page is not None, f"{model.__name__}: no live page to render; add one to this fixture"
        pages[model.__name__] = page.url
    pages["search results"] = f"{reverse('search')}?q={SEARCH_WORD}"
    pages["404"] = "/ไม่มีหน้านี้/"
    return pages


def inline_code(html: bytes) -> list[str]:
    """Everything in a page that a policy without 'unsafe-inline' would refuse: inline executable scripts,
    event-handler attributes, javascript: URLs, style attributes and <style> elements."""
    found = []
    document = BeautifulSoup(html, "html.parser")
    for script in document.find_all("script"):
        if not script.get("src") and script.get("type", "").strip().lower() in JS_TYPES:
            found.append(f"inline script: {str(script)[:120]}")
    for element in document.find_all(True):
        for attribute, value in element.attrs.items():
            if attribute.lower().startswith("on"):
                found.append(f"<{element.name} {attribute}=…>")
            elif attribute.lower() == "style":
                found.append(f'<{element.name} style="{value}">')
            elif attribute.lower() in {"href", "src", "action", "formaction"} and str(value).strip().lower().startswith("javascript:"):
                found.append(f"<{element.name} {attribute}={value}>")
    found.extend(f"<style>: {str(style)[:120]}" for style in document.find_all("style"))
    return found


@pytest.mark.parametrize("visitor", ["anonymous", "signed-in editor"])
def test_no_public_page_type_carries_inline_code(client, demo, every_page_type, visitor):
    if visitor == "signed-in editor":
        client.force_login(demo.user("sci_editor"))  # pages also carry Wagtail's userbar
    rendered = {}
    for name, url in every_page_type.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "404" else 200), (name, url)
        assert policy(response.headers.get("Content-Security-Policy")) == PUBLIC_POLICY, name
        rendered[name] = response.content
        assert inline_code(response.content) == [], name

    # The fixture's blocks did render: the checks above looked at real content.
    news = rendered["NewsPage"].decode()
    assert 'src="https://www.youtube.com/embed/' in news and "<table" in news and "<blockquote" in news
    if visitor == "signed-in editor":
        assert "wagtail-userbar" in rendered["HomePage"].decode()


def test_the_inline_code_check_finds_what_the_policy_refuses():
    html = (
        b'<script>alert(1)</script><script type="application/json">{"a": 1}</script><script src="/static/x.js"></script>'
        b'<a href="javascript:alert(1)">x</a><img src="x.png" onerror="alert(1)"><p style="color:red">x</p><style>p{}</style>'
    )

    assert len(inline_code(html)) == 5


def test_embeds_are_youtube_only_like_the_policy_frames():
    def provider(url: str):
        return next((finder for finder in get_finders() if finder.accept(url)), None)

    assert provider(YOUTUBE_URL) is not None
    for url in ("https://www.facebook.com/pcru.ac.th/videos/123", "https://twitter.com/pcru/status/1", "https://vimeo.com/76979871"):
        assert provider(url) is None, url
    with pytest.raises(EmbedUnsupportedProviderException):
        from wagtail.embeds.embeds import get_finder_for_embed

        get_finder_for_embed("https://www.facebook.com/pcru.ac.th/videos/123")


# --- the admin -----------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["dashboard", "page editor", "image listing"])
def test_signed_in_staff_get_the_admin_policy(client, demo, news_page, where):
    client.force_login(demo.user("sci_editor"))
    url = {
        "dashboard": reverse("wagtailadmin_home"),
        "page editor": reverse("wagtailadmin_pages:edit", args=[news_page.pk]),
        "image listing": reverse("wagtailimages:index"),
    }[where]
    response = client.get(url)

    assert response.status_code == 200
    directives = policy(response.headers.get("Content-Security-Policy"))
    assert directives == ADMIN_POLICY
    assert not any("unsafe-eval" in source for sources in directives.values() for source in sources)


@pytest.mark.parametrize("url_name", ["wagtailadmin_login", "wagtailadmin_password_reset"])
def test_the_login_screens_keep_the_public_policy(client, demo, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert policy(response.headers.get("Content-Security-Policy")) == PUBLIC_POLICY
    assert inline_code(response.content) == []


def test_report_only_mode_sends_both_policies_as_reports(client, demo, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None

    public = client.get("/")
    client.force_login(demo.user("sci_editor"))
    admin = client.get(reverse("wagtailadmin_home"))

    for response, expected in ((public, PUBLIC_POLICY), (admin, ADMIN_POLICY)):
        assert "Content-Security-Policy" not in response.headers
        assert policy(response.headers.get("Content-Security-Policy-Report-Only")) == expected


def test_a_view_that_sets_its_own_policy_keeps_it(client, demo, settings):
    """Wagtail's document serve view sends `default-src 'none'` for the file; ours must not replace it."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(title="ประกาศรับสมัคร", file=ContentFile(b"hello", name="prakat.txt"))

    response = client.get(document.url)

    assert response.status_code == 200
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" not in response.headers["Content-Security-Policy"]


# --- production settings (subprocesses: settings are read once per process) ----------------------------


def _production(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Run `manage.py <args>` (default: check) under pcru_site.settings.production with the required variables
    and `env`, which overrides them."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "CSP_", "DJANGO_", "SECRET_KEY", "DATABASE_URL"))}
    environment = {
        **clean,
        "DJANGO_SETTINGS_MODULE": "pcru_site.settings.production",
        "SECRET_KEY": get_random_secret_key(),
        "ALLOWED_HOSTS": "www.pcru.ac.th",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "WAGTAILADMIN_BASE_URL": "https://www.pcru.ac.th",
        "EMAIL_HOST": "smtp.pcru.ac.th",
        **env,
    }
    return subprocess.run(  # noqa: S603 - our own manage.py with a fixed argument list
        [sys.executable, "manage.py", *(args or ["check"])], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=300
    )


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = _production(tmp_path, "check", "--deploy", "--fail-level", "WARNING")

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output, output


def test_production_sends_hsts_and_secure_cookies(tmp_path):
    show = [
        "shell",
        "--no-imports",
        "-c",
        "import json; from django.conf import settings as s; print(json.dumps([s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER]))",
    ]
    direct = _production(tmp_path, *show)
    behind_nginx = _production(tmp_path, *show, SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")
    # Variables copied from .env.example and left empty keep the safe defaults.
    left_empty = _production(
        tmp_path, *show, **dict.fromkeys(["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS"], "")
    )

    assert json.loads(direct.stdout) == [31_536_000, True, False, True, True, True, None], direct.stderr
    assert json.loads(left_empty.stdout) == [31_536_000, True, False, True, True, True, None], left_empty.stderr
    assert json.loads(behind_nginx.stdout)[-1] == ["HTTP_X_FORWARDED_PROTO", "https"], behind_nginx.stderr


@pytest.mark.parametrize(
    ("reason", "key"),
    [
        ("short", "short"),
        ("few distinct characters", "ab" * 30),
        # A fixed key (a random one would give each xdist worker a different test id).
        ("Django's insecure prefix", "django-insecure-q8v#k2m!x7w@p4z&r9t^b6n*c3j)f5h(l1s=d0g-e+y_u"),
    ],
    ids=["short", "few distinct characters", "Django's insecure prefix"],
)
def test_production_refuses_a_weak_secret_key(tmp_path, reason, key):
    result = _production(tmp_path, SECRET_KEY=key)

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is too weak for production" in result.stderr, result.stderr
    assert key not in result.stderr  # the message never repeats the secret


def test_report_only_is_switched_by_the_environment(tmp_path):
    show = [
        "shell",
        "--no-imports",
        "-c",
        "import json; from django.conf import settings as s; "
        "print(json.dumps([s.CONTENT_SECURITY_POLICY, bool(s.CONTENT_SECURITY_POLICY_REPORT_ONLY)]))",
    ]

    enforcing = _production(tmp_path, *show)
    report_only = _production(tmp_path, *show, CSP_REPORT_ONLY="true")

    assert json.loads(enforcing.stdout)[0] is not None, enforcing.stderr
    assert json.loads(report_only.stdout) == [None, True], report_only.stderr

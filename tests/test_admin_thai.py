"""The admin reads in Thai on every role's working screens (issue 12, item 6).

Each demo role logs in through Django's test client and opens the screens it works on: the login page,
the dashboard, the page explorer of its section, a news page's editor and history, documents, images,
reports, the outbox and the publication register, the letters, and the users and groups screens with
the permission editor (as a superuser: the demo's webmaster manages units, not accounts). From every
page we take what a person sees or hears: text nodes (also inside `<template>`, which Wagtail's
JavaScript shows as-is), accessible labels (`aria-label`, `title`, `placeholder`, `alt`, button values,
tooltips) and the labels carried in the JSON that Wagtail's scripts turn into the sidebar and the
StreamField editor. `<script>`/`<style>` code is not text. Wagtail's JavaScript catalogue
(`/admin/jsi18n/`) is read too: each of its messages must come back in Thai.

A phrase is English when, after taking out codes (PDF, SCI, ARIT-011, anything in capitals), e-mail
addresses, URLs and paths, file names, keyboard keys, time-zone names and the names of records (login
names, groups, workflows, collections, page titles: data, reported apart), a Latin-letter word is left
that is not a proper name on `PROPER_NAMES`. The test fails above `MAX_ENGLISH_PHRASES` distinct phrases
and prints each with the screens showing it (`pytest -s tests/test_admin_thai.py -k reads`).

The other tests: no garbled Thai of Wagtail's catalogue, no gravatar, people named by their Thai names,
permission names in Thai in the group editor, relative times ("3 days ago") in Thai.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import zoneinfo
from collections import defaultdict
from pathlib import Path

import polib
import pytest
import wagtail
from bs4 import BeautifulSoup, Comment, Doctype
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Collection, Page, Revision, Task, Workflow

from tests.conftest import DEMO_PASSWORD

MAX_ENGLISH_PHRASES = 10
# Marked so that pytest-django sets up the test database for the module-scoped `rendered` fixture too.
pytestmark = pytest.mark.django_db

# Attributes a screen reader speaks or a pointer shows.
LABEL_ATTRIBUTES = (
    "aria-label",
    "aria-description",
    "aria-placeholder",
    "aria-roledescription",
    "aria-valuetext",
    "title",
    "placeholder",
    "alt",
    "data-w-tooltip-content-value",  # Wagtail's tooltips
    "data-w-progress-active-value",  # a button's label while it works ("Saving…")
)
BUTTON_INPUT_TYPES = {"submit", "button", "reset"}
# Keys of Wagtail's telepath JSON (sidebar, StreamField, panels) whose strings reach the screen.
JSON_TEXT_KEYS = {"label", "title", "helpText", "help_text", "placeholder", "text", "messages", "heading", "description"}

# Proper names written in Latin letters in Thai software, and the keys printed on a keyboard.
PROPER_NAMES = {"Wagtail", "English", "Facebook", "Instagram", "Twitter", "YouTube", "TikTok", "JavaScript"}
# Product names kept as the products spell them (our catalogue keeps them so too).
PRODUCT_NAMES = ("Facebook Page", "LINE Official Account")
FILE_SUFFIX = r"\.(?:png|jpe?g|gif|webp|svg|pdf|docx?|xlsx?|csv|odt|pptx?|txt|zip|ico)"
ADDRESSES = [re.compile(r"\S+@\S+"), re.compile(r"(?:https?://|www\.)\S+")]  # e-mail addresses, URLs
CODE_PATTERNS = [
    re.compile(r"\b(?:Ctrl|Alt|Shift|Cmd|Option|Esc|Enter|Tab)\b(?:\s*\+\s*\S+)*"),  # keyboard shortcuts
    re.compile(r"\S*/\S*"),  # paths, slugs, dates
    re.compile(r"\S+" + FILE_SUFFIX + r"\b", re.IGNORECASE),  # file names
    re.compile(r"\S*[_\d]\S*"),  # login names (sci_editor), identifiers, numbers with units (64x36)
    re.compile(r"\b[A-Z][A-Z0-9&.\-]*\b"),  # codes: PDF, CSV, XLSX, PCRU, ARIT-011, SEO, URL
]
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
THAI = re.compile(r"[\u0E00-\u0E7F]")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
TIME_ZONES = zoneinfo.available_timezones()


def english_words(phrase: str, names: tuple[str, ...] = ()) -> list[str]:
    """The Latin-letter words of `phrase` that are not codes, proper names or the given record names."""
    if phrase in TIME_ZONES:  # the account's time-zone choices are IANA names ("Asia/Bangkok", "Zulu")
        return []
    rest = phrase
    for pattern in ADDRESSES:
        rest = pattern.sub(" ", rest)
    for name in (*names, *PRODUCT_NAMES):
        rest = rest.replace(name, " ")
    for pattern in CODE_PATTERNS:
        rest = pattern.sub(" ", rest)
    return [word for word in LATIN_WORD.findall(rest) if word not in PROPER_NAMES]


def _json_strings(value):
    """Strings under the text-bearing keys of a (telepath) JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in JSON_TEXT_KEYS and isinstance(item, str):
                yield item
            elif key == "messages" and isinstance(item, dict):
                yield from (text for text in item.values() if isinstance(text, str))
            else:
                yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _json_attribute_strings(raw: str):
    try:
        data = json.loads(raw)
    except ValueError:
        return []
    return list(_json_strings(data))


def phrases(html: str) -> set[str]:
    """Visible text, accessible labels and the JSON-borne labels of an HTML page, whitespace-normalised."""
    soup = BeautifulSoup(html, "html.parser")
    found: set[str] = set()

    def add(text: str | None) -> None:
        text = " ".join((text or "").split())
        if text:
            found.add(text)

    for script in soup.find_all("script"):
        if script.get("type") == "application/json":  # sidebar and panel props read by Wagtail's scripts
            for text in _json_attribute_strings(script.string or ""):
                add(text)
        script.decompose()
    for style in soup.find_all("style"):
        style.decompose()
    # A side panel's badge stays hidden until Wagtail's script writes a count in it (the server leaves "None").
    for badge in soup.find_all(attrs={"data-side-panel-toggle-counter": True}):
        badge.decompose()
    for node in soup.find_all(string=True):
        if isinstance(node, Comment | Doctype):
            continue
        add(str(node))
    for tag in soup.find_all(True):
        for attribute in LABEL_ATTRIBUTES:
            add(tag.get(attribute))
        if tag.name == "input" and tag.get("type") in BUTTON_INPUT_TYPES:
            add(tag.get("value"))
        for attribute, value in tag.attrs.items():
            # StreamField and other telepath widgets: data-w-block-arguments-value and the like.
            if attribute.startswith("data-") and attribute.endswith("-value") and value and value[:1] in "[{":
                for text in _json_attribute_strings(value):
                    add(text)
    return found


def _wagtail_js_messages() -> list[tuple[str, str]]:
    """(catalogue key, message id) of Wagtail's admin JavaScript messages that are words, not only placeholders."""
    catalogue = Path(wagtail.__file__).parent / "admin" / "locale" / "en" / "LC_MESSAGES" / "djangojs.po"
    return [
        (f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid, entry.msgid)
        for entry in polib.pofile(str(catalogue))
        if entry.msgid and english_words(PLACEHOLDER.sub(" ", entry.msgid))
    ]


def _js_catalogue(client: Client) -> dict:
    body = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    match = re.search(r"const newcatalog = (\{.*?\});\n", body, re.DOTALL)
    return json.loads(match.group(1)) if match else {}


def _screens() -> dict[str, list[tuple[str, str]]]:
    """(screen, URL) per role, from the demo's objects; `useradmin` is the superuser who manages accounts."""
    from publication.letters.models import ExternalRequest
    from publication.organisation.models import Unit
    from publication.pages.models import NewsPage

    sci, huso = Unit.objects.get(code="SCI"), Unit.objects.get(code="HUSO")
    sci_news = NewsPage.objects.filter(owner_unit=sci).order_by("pk").first()
    huso_news = NewsPage.objects.filter(owner_unit=huso).order_by("pk").first()
    letter = ExternalRequest.objects.order_by("pk").first()
    webmasters = Group.objects.get(name="Webmasters")
    editor = get_user_model().objects.get(username="sci_editor")

    def page_screens(page):
        return [
            ("page explorer (section)", reverse("wagtailadmin_explore", args=[page.get_parent().get_parent().pk])),
            ("page explorer (news folder)", reverse("wagtailadmin_explore", args=[page.get_parent().pk])),
            ("page editor", reverse("wagtailadmin_pages:edit", args=[page.pk])),
            ("page history", reverse("wagtailadmin_pages:history", args=[page.pk])),
            ("new news page", reverse("wagtailadmin_pages:add", args=["pages", "newspage", page.get_parent().pk])),
        ]

    common = [("dashboard", reverse("wagtailadmin_home")), ("account", reverse("wagtailadmin_account"))]
    media = [("documents", reverse("wagtaildocs:index")), ("images", reverse("wagtailimages:index"))]
    reports = [
        ("site history", reverse("wagtailadmin_reports:site_history")),
        ("workflows report", reverse("wagtailadmin_reports:workflow")),
        ("workflow tasks report", reverse("wagtailadmin_reports:workflow_tasks")),
        ("aging pages", reverse("wagtailadmin_reports:aging_pages")),
    ]
    unit_requests = [
        ("rights requests", reverse("wagtailsnippets_publication_rightsrequest:list")),
        ("social posts", reverse("wagtailsnippets_publication_socialpost:list")),
        ("post calendar", reverse("publication_social_calendar")),
    ]
    letters = [
        ("letters", reverse("wagtailsnippets_publication_externalrequest:list")),
        ("letter", reverse("publication_external_process", args=[letter.pk])),
    ]
    return {
        "sci_editor": common + page_screens(sci_news) + media + reports + unit_requests,
        "sci_head": common
        + page_screens(sci_news)
        + media
        + reports
        + unit_requests
        + [("locked pages", reverse("wagtailadmin_reports:locked_pages"))],
        "webmaster": common
        + page_screens(huso_news)
        + media
        + reports
        + unit_requests
        + letters
        + [
            ("locked pages", reverse("wagtailadmin_reports:locked_pages")),
            ("outbox", reverse("notification:index")),
            ("publication register", reverse("publication_register")),
            ("failed sign-ins", reverse("login_attempts")),
            ("units", reverse("wagtailsnippets_publication_unit:list")),
            ("unit editor", reverse("wagtailsnippets_publication_unit:edit", args=[sci.pk])),
            ("acting heads", reverse("wagtailsnippets_publication_actinghead:list")),
            ("new acting head", reverse("wagtailsnippets_publication_actinghead:add")),
        ],
        "clerk": common
        + letters
        + [
            ("new letter", reverse("wagtailsnippets_publication_externalrequest:add")),
            ("site history", reverse("wagtailadmin_reports:site_history")),
        ],
        "executive": common + letters,
        "arit_director": common + letters,
        "useradmin": common
        + [
            ("users", reverse("wagtailusers_users:index")),
            ("user editor", reverse("wagtailusers_users:edit", args=[editor.pk])),
            ("new user", reverse("wagtailusers_users:add")),
            ("groups", reverse("wagtailusers_groups:index")),
            ("group editor", reverse("wagtailusers_groups:edit", args=[webmasters.pk])),
            ("new group", reverse("wagtailusers_groups:add")),
        ],
    }


class Rendered:
    """Every screen's HTML and the JavaScript catalogue per role, rendered once for the module.

    `record_names` are names people gave to records (groups, workflows and their tasks, collections,
    pages) and login names: data shown as entered, not the interface; the English check leaves them out
    and reports them apart.
    """

    def __init__(self):
        self.pages: dict[tuple[str, str], str] = {}
        self.js: dict[str, dict] = {}
        self.usernames: set[str] = set()
        self.full_names: dict[str, str] = {}
        self.record_names: tuple[str, ...] = ()


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker, tmp_path_factory) -> Rendered:
    """The full demo (news, requests, letters), each role's screens, rolled back afterwards."""
    result = Rendered()
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)), transaction.atomic():
        call_command("bootstrap_demo", password=DEMO_PASSWORD, stdout=io.StringIO())
        user_model = get_user_model()
        user_model.objects.create_superuser("useradmin", "useradmin@pcru.ac.th", DEMO_PASSWORD, first_name="ผู้ดูแล", last_name="บัญชีผู้ใช้")
        # Everything was edited days ago, so listings and history show relative times ("3 days ago").
        days_ago = timezone.now() - datetime.timedelta(days=3, hours=2)
        Revision.objects.update(created_at=days_ago)
        Page.objects.update(latest_revision_created_at=days_ago, last_published_at=days_ago)
        result.usernames = set(user_model.objects.values_list("username", flat=True))
        result.full_names = {user.username: user.get_full_name() for user in user_model.objects.all()}
        names = {
            *result.usernames,
            *Group.objects.values_list("name", flat=True),
            *Workflow.objects.values_list("name", flat=True),
            *Task.objects.values_list("name", flat=True),
            *Collection.objects.values_list("name", flat=True),
            *Page.objects.values_list("title", flat=True),
        }
        result.record_names = tuple(sorted((name for name in names if english_words(name)), key=len, reverse=True))

        anonymous = Client()
        for name, url in (("login", reverse("wagtailadmin_login")), ("password reset", reverse("wagtailadmin_password_reset"))):
            response = anonymous.get(url)
            assert response.status_code == 200, (name, url, response.status_code)
            result.pages["anonymous", name] = response.content.decode()
        result.js["anonymous"] = _js_catalogue(anonymous)

        for role, screens in _screens().items():
            client = Client()
            client.force_login(user_model.objects.get(username=role))
            for name, url in screens:
                response = client.get(url)
                assert response.status_code == 200, (role, name, url, response.status_code, response.get("Location"))
                result.pages[role, name] = response.content.decode()
            result.js[role] = _js_catalogue(client)
        transaction.set_rollback(True)
    return result


def _english_phrases(rendered: Rendered) -> dict[str, set[str]]:
    where: dict[str, set[str]] = defaultdict(set)
    for (role, screen), html in rendered.pages.items():
        for phrase in phrases(html):
            if english_words(phrase, rendered.record_names):
                where[phrase].add(f"{role}: {screen}")
    js_messages = _wagtail_js_messages()
    for role, catalogue in rendered.js.items():
        for key, msgid in js_messages:
            translated = catalogue.get(key)
            shown = translated[0] if isinstance(translated, list) else translated
            if not shown or not THAI.search(shown):
                where[msgid].add(f"{role}: JavaScript catalogue")
    return where


def _report(where: dict[str, set[str]]) -> str:
    return "\n".join(f"  {phrase!r}  ← {', '.join(sorted(screens)[:3])}" for phrase, screens in sorted(where.items()))


def test_every_role_reads_its_screens_in_thai(rendered):
    where = _english_phrases(rendered)
    report = _report(where)
    # The list is the point: printed whether the test passes or fails (pytest -s, or -rP).
    print(f"{len(where)} distinct English phrases on {len(rendered.pages)} screens:\n{report}")  # noqa: T201
    data = sorted(name for name in rendered.record_names if name not in rendered.usernames)
    print(f"Record names in English (data, not counted): {data}")  # noqa: T201
    assert len(where) <= MAX_ENGLISH_PHRASES, f"{len(where)} English phrases (at most {MAX_ENGLISH_PHRASES}):\n{report}"


# Wagtail's own Thai offers alternatives joined by commas ("แบบ,รูปแบบ", "ก๊อปปี้ , คัดลอก") and misspells
# ("เว็บไซด์", "ดาวโหลด ... เกบข้อมูล"); our catalogue corrects what the roles' screens show.
GARBLED_THAI = re.compile(r"[\u0E00-\u0E7F] ?, ?[\u0E00-\u0E7F]|เว็บไซด์|ดาวโหลด|เกบข้อมูล|อัพเดท|ก๊อปปี้|เซฟ|ลิงค์|เผยพร่")


def test_no_garbled_wagtail_thai(rendered):
    garbled = defaultdict(set)
    for (role, screen), html in rendered.pages.items():
        for phrase in phrases(html):
            if GARBLED_THAI.search(phrase):
                garbled[phrase].add(f"{role}: {screen}")
    for role, catalogue in rendered.js.items():
        for msgid, translated in catalogue.items():
            for text in translated if isinstance(translated, list) else [translated]:
                if isinstance(text, str) and GARBLED_THAI.search(text):
                    garbled[text].add(f"{role}: JavaScript catalogue ({msgid})")
    assert dict(garbled) == {}


def test_no_admin_page_sends_staff_to_gravatar(rendered):
    offenders = sorted(f"{role}: {screen}" for (role, screen), html in rendered.pages.items() if "gravatar" in html.lower())
    assert offenders == []


# Screens where the login name is itself the subject (the user administrator's screens, one's own account).
LOGIN_NAME_SCREENS = {"users", "user editor", "new user", "account", "failed sign-ins"}


def _login_names_shown(rendered: Rendered, screen_names=None) -> dict[str, set[str]]:
    shown = defaultdict(set)
    for (role, screen), html in rendered.pages.items():
        if screen in LOGIN_NAME_SCREENS or (screen_names is not None and screen not in screen_names):
            continue
        for node in BeautifulSoup(html, "html.parser").find_all(string=True):
            text = " ".join(str(node).split())
            if text in rendered.usernames:
                shown[text].add(f"{role}: {screen}")
    return dict(shown)


# Wagtail 8 screens that list people by login name: the aging pages report
# (AgingPagesView.decorate_paginated_queryset maps publishers to get_username()) and the "requested by"
# filter of the workflows report (a plain ModelChoiceFilter). Our scoped report views rename them.
WAGTAIL_LOGIN_NAME_SCREENS = {"aging pages", "workflows report"}


def test_people_are_named_not_logged_in_as(rendered):
    """Pickers, listings and history name people by their (Thai) full names, never by their login names."""
    screens = {screen for _role, screen in rendered.pages}
    assert _login_names_shown(rendered, screens) == {}
    unit_editor = BeautifulSoup(rendered.pages["webmaster", "unit editor"], "html.parser")
    heads = [option.get_text(strip=True) for option in unit_editor.find("select", attrs={"name": "heads"}).find_all("option")]
    assert "อรุณี เพชรรัตน์" in heads


def test_wagtail_reports_name_people(rendered):
    """Wagtail names people by login name in the aging pages report and the workflows report's filter;
    our scoped reports (publication/pages/reports.py) name them by their full names."""
    assert _login_names_shown(rendered, WAGTAIL_LOGIN_NAME_SCREENS) == {}


def test_group_editor_names_permissions_in_thai(rendered):
    """The permission checkboxes are labelled in Thai, not with the names Django stored ("Can add Internal unit")."""
    from django.contrib.auth.models import Permission

    from publication.organisation.models import Unit

    html = rendered.pages["useradmin", "group editor"]
    soup = BeautifulSoup(html, "html.parser")
    add_unit = Permission.objects.get(codename="add_unit", content_type__app_label="organisation")
    checkbox = soup.find("input", attrs={"name": "permissions", "value": str(add_unit.pk)})
    label = soup.find("label", attrs={"for": checkbox["id"]}).get_text(strip=True)
    with translation.override("th"):
        assert label == translation.gettext("Can add %(model_name)s") % {"model_name": Unit._meta.verbose_name}
    assert THAI.search(label)
    english = [p for p in phrases(html) if p.startswith("Can ") or "Wagtail core" in p]
    assert english == []


def test_relative_times_are_thai():
    from wagtail.admin.templatetags.wagtailadmin_tags import timesince_last_update, timesince_simple

    now = timezone.now()
    with translation.override("th"):
        assert timesince_simple(now - datetime.timedelta(hours=21, minutes=5)) == "21\xa0ชั่วโมงที่แล้ว"
        assert timesince_simple(now - datetime.timedelta(days=3, hours=2)) == "3\xa0วันที่แล้ว"
        assert timesince_simple(now) == "เมื่อสักครู่"
        earlier = timesince_last_update(now - datetime.timedelta(days=9), user_display_name="ณัฐวุฒิ สายทอง")
        assert english_words(str(earlier)) == [], earlier


def test_relative_times_render_in_thai(rendered):
    """Pages and revisions are three days old: listings say so in Thai (Django's Thai lacks "%(num)d day")."""
    texts = {text for html in rendered.pages.values() for text in phrases(html)}
    assert any("วันที่แล้ว" in text for text in texts)
    assert not any(re.search(r"\d+\s(?:years?|months?|weeks?|days?|hours?|minutes?)\b", text) for text in texts)


def test_workflows_report_offers_only_people_whose_requests_it_shows(rendered):
    """A unit editor's "requested by" filter names people of the rows they may see, not every unit's staff."""
    def offered(role):
        soup = BeautifulSoup(rendered.pages[role, "workflows report"], "html.parser")
        select = soup.find("select", attrs={"name": "requested_by"})
        return {option.get_text(strip=True) for option in select.find_all("option") if option.get("value")}

    edu_editor = rendered.full_names["edu_editor"]
    assert edu_editor in offered("webmaster")
    assert edu_editor not in offered("sci_editor")

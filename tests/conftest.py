"""Shared fixtures: the demo university (without news unless asked), images and news items.

`demo` runs the real `bootstrap_demo` command with `--no-news`, so the tests see the same tree,
units, groups and users a newcomer gets (HomePage as site root, the university news index that
aggregates every unit, the unit directory, sections with news folders, one user per role).
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.core.management import call_command
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import RichText

DEMO_PASSWORD = "pw-demo-2569"


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    """Uploaded files go to a per-test folder; Wagtail's Site and settings caches and the page cache start empty."""
    from publication.pages.cache import LOCAL
    from publication.pages.cache_store import PURGE_OWED

    settings.MEDIA_ROOT = str(tmp_path / "media")
    cache.clear()
    LOCAL.clear()
    PURGE_OWED.clear()  # a test that made Redis fail leaves no purge owed to the next
    yield
    cache.clear()
    LOCAL.clear()


@dataclass
class Demo:
    home: Page
    university_news: Page
    unit_index: Page
    units: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    categories: dict = field(default_factory=dict)

    def user(self, username: str):
        return self.users[username]


def _load_demo() -> Demo:
    from home.models import HomePage
    from publication.organisation.models import Unit
    from publication.pages.models import NewsCategory, NewsIndexPage, UnitIndexPage

    home = HomePage.objects.get()
    return Demo(
        home=home,
        university_news=NewsIndexPage.objects.get(aggregate_all_units=True),
        unit_index=UnitIndexPage.objects.get(),
        units={unit.code: unit for unit in Unit.objects.select_related("section")},
        users={user.username: user for user in get_user_model().objects.all()},
        categories={category.slug: category for category in NewsCategory.objects.all()},
    )


def run_bootstrap_demo(no_news: bool = True) -> None:
    call_command("bootstrap_demo", password=DEMO_PASSWORD, no_news=no_news, stdout=io.StringIO())
    cache.clear()


@pytest.fixture
def demo(db) -> Demo:
    """The demo university without news items: `bootstrap_demo --no-news` run once per test process, then
    restored from a snapshot of its rows (tests/demo_snapshot.py)."""
    from tests.demo_snapshot import build_or_restore

    build_or_restore(run_bootstrap_demo)
    cache.clear()
    return _load_demo()


def png_bytes(size: tuple[int, int] = (64, 36), colour: tuple[int, int, int] = (40, 70, 140)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def make_image(db):
    """Create a small Wagtail image: make_image("ภาพกิจกรรม")."""

    def _make(title: str = "ภาพประกอบข่าว", collection=None):
        image_model = get_image_model()
        image = image_model(title=title)
        if collection is not None:
            image.collection = collection
        image.file = ImageFile(io.BytesIO(png_bytes()), name="cover.png")
        image.save()
        return image

    return _make


@pytest.fixture
def make_news(db):
    """Publish a NewsPage under a news folder: make_news(folder, "หัวข้อข่าว", owner_unit=unit, ...)."""
    from publication.moderation.gate import trusted_publication
    from publication.pages.models import NewsPage

    counter = {"n": 0}

    def _make(folder, title: str, *, owner_unit=None, category=None, image=None, date=None, summary=None,
              publish=True, **extra):
        counter["n"] += 1
        page = NewsPage(
            title=title,
            slug=extra.pop("slug", f"news-test-{counter['n']}"),
            summary=summary or f"สรุปข่าว: {title}",
            date=date or datetime.date(2026, 11, 25),
            owner_unit=owner_unit,
            category=category,
            cover_image=image,
            cover_image_alt=f"ภาพประกอบ {title}" if image else "",
            body=[("paragraph", RichText(f"<p>เนื้อหาข่าว {title}</p>"))],
            live=publish,
            **{
                # Guideline G8: news names its publisher; the policy gate refuses it otherwise.
                "publisher_name": "ณัฐวุฒิ สายทอง",
                "publisher_position": "นักวิชาการคอมพิวเตอร์",
                **extra,
            },
        )
        # Stands for news published before the test: no workflow, the policy checks still apply.
        with trusted_publication("test fixture make_news"):
            folder.add_child(instance=page)
            revision = page.save_revision()
            if publish:
                revision.publish()
        page.refresh_from_db()
        return page

    return _make

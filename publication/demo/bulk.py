"""Bulk news for benchmarks and load tests (``manage.py seed_bulk``): thousands of items a second.

Rows are written with bulk inserts, never through ``add_child`` one by one: the treebeard paths are
computed here (each folder's children continue after its last child), ``wagtailcore_page`` rows go in
with `bulk_create`, ``pages_newspage`` rows with one ``executemany``, then the news listing
(`publication.pages.listing.sync_news_listing`) and the page cache catch up once.

What it skips, and why it is for benchmarks only: the items are published without revisions, without
the policy checks and approvals of the gate (`publication.moderation.gate`), without review schedules,
search indexing or notifications. Each item is marked by its slug (``seed-bulk-<run>-<n>``) so that
``--clear`` removes exactly what it made.
"""

from __future__ import annotations

import datetime
import random
import time
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from publication.organisation.models import Unit
from publication.pages.cache import purge_page_cache
from publication.pages.listing import NewsListing, insert_rows, raw_delete, rebuild_news_listing, sync_news_listing
from publication.pages.models import NewsCategory, NewsIndexPage, NewsPage

SLUG_PREFIX = "seed-bulk-"
BATCH = 2000

TOPICS = [
    "พิธีพระราชทานปริญญาบัตร",
    "การอบรมเชิงปฏิบัติการด้านเทคโนโลยีสารสนเทศ",
    "โครงการบริการวิชาการแก่ชุมชน",
    "การประชุมวิชาการระดับชาติ",
    "กิจกรรมจิตอาสาพัฒนาท้องถิ่น",
    "การรับสมัครนักศึกษาใหม่",
    "การแข่งขันทักษะทางวิชาการ",
    "การลงนามบันทึกข้อตกลงความร่วมมือ",
    "นิทรรศการผลงานวิจัยของอาจารย์และนักศึกษา",
    "การตรวจประเมินคุณภาพการศึกษาภายใน",
    "งานสืบสานประเพณีและวัฒนธรรมท้องถิ่น",
    "การปฐมนิเทศนักศึกษาฝึกประสบการณ์วิชาชีพ",
]
PLACES = ["ณ หอประชุมเฉลิมพระเกียรติ", "ณ อาคารวิทยบริการ", "ณ ห้องประชุมคณะ", "ณ ลานกิจกรรมกลาง", "ผ่านระบบออนไลน์"]
OPENINGS = ["มหาวิทยาลัยราชภัฏเพชรบูรณ์จัด", "ขอเชิญร่วม", "ประชาสัมพันธ์", "ภาพบรรยากาศ", "สรุปผล"]


@dataclass
class SeedReport:
    """What a run did: items made, seconds taken and the rate (items a second)."""

    created: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.created / self.seconds if self.seconds else 0.0


def _folders() -> list[tuple[NewsIndexPage, list[Unit]]]:
    """Every news folder with the units its news may belong to (its section's unit, or any unit)."""
    units = list(Unit.objects.filter(section__isnull=False).order_by("code"))
    folders = []
    for folder in NewsIndexPage.objects.order_by("path"):
        owner = Unit.objects.for_page(folder)
        folders.append((folder, [owner] if owner else units))
    return folders


def _news_text(rng: random.Random, number: int, unit: Unit) -> tuple[str, str, str]:
    topic = rng.choice(TOPICS)
    title = f"{rng.choice(OPENINGS)}{topic} ของ{unit.name_th} ครั้งที่ {number:,}"
    summary = f"{unit.name_th}แจ้ง{topic} {rng.choice(PLACES)} ผู้สนใจสอบถามรายละเอียดได้ที่หน่วยงาน (ข่าวลำดับที่ {number:,})"
    body = f"<p>{summary}</p><p>ข่าวนี้สร้างขึ้นเพื่อทดสอบความเร็วของระบบข่าวสารมหาวิทยาลัยเท่านั้น</p>"
    return title, summary, body


def seed_news(total: int, *, seed: int = 2569, stdout=None) -> SeedReport:
    """Create ``total`` live news items spread over every news folder and category; returns the report.

    Raises ValueError when the site has no news folder (run ``bootstrap_demo`` first).
    """
    started = time.perf_counter()
    folders = _folders()
    if not folders:
        raise ValueError("No news folder: run bootstrap_demo first.")
    rng = random.Random(seed)  # noqa: S311 - demo text, not security
    categories = list(NewsCategory.objects.values_list("pk", flat=True)) or [None]
    images = list(get_image_model().objects.filter(title__startswith="ภาพประกอบข่าว").values_list("pk", "title"))
    editors = {unit.pk: unit.editors.order_by("pk").first() for _folder, units in folders for unit in units}
    content_type = ContentType.objects.get_for_model(NewsPage)
    locale = Locale.get_default()
    run = uuid.uuid4().hex[:8]  # a new mark each run: slugs stay unique among siblings
    today = timezone.localdate()
    span_days = max(365, total // 20)  # about twenty news a day, at least a year back
    created = 0
    with transaction.atomic():
        steps = {folder.pk: _last_step(folder) for folder, _units in folders}
        new_ids: list[int] = []
        for start in range(0, total, BATCH):
            pages, details = [], []
            for number in range(start + 1, min(total, start + BATCH) + 1):
                folder, units = folders[number % len(folders)]
                unit = units[number % len(units)]
                steps[folder.pk] += 1
                title, summary, body = _news_text(rng, number, unit)
                day = today - datetime.timedelta(days=rng.randrange(span_days))
                moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0))) + datetime.timedelta(seconds=number)
                slug = f"{SLUG_PREFIX}{run}-{number}"
                editor = editors.get(unit.pk)
                pages.append(
                    {
                        "path": Page._get_path(folder.path, folder.depth + 1, steps[folder.pk]),
                        "depth": folder.depth + 1,
                        "numchild": 0,
                        "title": title,
                        "draft_title": title,
                        "slug": slug,
                        "url_path": f"{folder.url_path}{slug}/",
                        "content_type_id": content_type.pk,
                        "locale_id": locale.pk,
                        "translation_key": uuid.uuid4(),
                        "live": True,
                        "has_unpublished_changes": False,
                        "first_published_at": moment,
                        "last_published_at": moment,
                        "owner_id": editor.pk if editor else None,
                    }
                )
                image = images[number % len(images)] if images and number % 4 else None
                details.append(
                    {
                        "owner_unit_id": unit.pk,
                        "publisher_unit_id": unit.pk,
                        "summary": summary,
                        "date": day,
                        "category_id": categories[number % len(categories)],
                        "cover_image_id": image[0] if image else None,
                        "cover_image_alt": f"ภาพประกอบ: {title}" if image else "",
                        "body": [{"type": "paragraph", "value": body, "id": str(uuid.uuid4())}],
                        "publisher_name": editor.get_full_name() if editor else "",
                        "publisher_position": "นักวิชาการคอมพิวเตอร์",
                    }
                )
            ids = _insert_pages(pages)
            _insert_news(ids, details)
            new_ids.extend(ids)
            created += len(ids)
            if stdout is not None:
                stdout.write(f"  {created:,} / {total:,} news items")
        for folder, _units in folders:
            Page.objects.filter(pk=folder.pk).update(numchild=Page.objects.child_of(folder).count())
        sync_news_listing(new_ids)
    purge_page_cache("seed_bulk")
    return SeedReport(created=created, seconds=time.perf_counter() - started)


def _last_step(folder: Page) -> int:
    last = Page.objects.child_of(folder).order_by("-path").values_list("path", flat=True).first()
    return Page._str2int(last[-Page.steplen :]) if last else 0


def _insert_pages(pages: list[dict]) -> list[int]:
    """``wagtailcore_page`` rows; returns their ids in the same order (looked up by their unique paths)."""
    insert_rows(Page, pages)
    by_path = dict(Page.objects.filter(path__in=[page["path"] for page in pages]).values_list("path", "pk"))
    return [by_path[page["path"]] for page in pages]


def _insert_news(ids: list[int], details: list[dict]) -> None:
    """``pages_newspage`` rows for these page ids (bulk_create refuses multi-table models)."""
    insert_rows(NewsPage, [{**values, "page_ptr_id": pk} for pk, values in zip(ids, details, strict=True)])


def seeded_pages():
    """The pages `seed_news` made (by their slug mark)."""
    return Page.objects.filter(slug__startswith=SLUG_PREFIX, content_type=ContentType.objects.get_for_model(NewsPage))


def clear_seeded_news() -> int:
    """Remove every page `seed_news` made, with what refers to them; returns how many.

    Raw deletes (the per-page signals of a normal delete would take minutes at 100,000 items), then
    the folders' child counts, the news listing and the page cache are brought up to date.
    """
    with transaction.atomic():
        ids = list(seeded_pages().values_list("pk", flat=True))
        if not ids:
            return 0
        parents = {path[: -Page.steplen] for path in seeded_pages().values_list("path", flat=True).distinct()}
        for start in range(0, len(ids), 2000):
            chunk = ids[start : start + 2000]
            raw_delete(NewsListing, "page_id", chunk)  # counted again by the rebuild below
            _remove_references(chunk)
            raw_delete(NewsPage, "page_ptr_id", chunk)
            raw_delete(Page, "id", chunk)
        for folder in Page.objects.filter(path__in=parents):
            Page.objects.filter(pk=folder.pk).update(numchild=Page.objects.child_of(folder).count())
        rebuild_news_listing()
    purge_page_cache("seed_bulk --clear")
    return len(ids)


def _remove_references(chunk: list[int]) -> None:
    """Rows of other tables pointing at these pages go (CASCADE) or let go (SET_NULL), as Django's delete would."""
    for model in (Page, NewsPage):
        for relation in model._meta.related_objects:
            field = relation.field
            if field.model is NewsPage and field.remote_field.parent_link:
                continue
            on_delete = field.remote_field.on_delete
            rows = relation.related_model._base_manager.filter(**{f"{field.name}__in": chunk})
            if on_delete is models.CASCADE:
                rows.delete()
            elif on_delete is models.SET_NULL:
                rows.update(**{field.name: None})

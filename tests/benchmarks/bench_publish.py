# ruff: noqa: T201 - a benchmark script reports on stdout
"""What the publication gate adds to publishing (issue 15; not collected by pytest).

Run: ``.venv/bin/python tests/benchmarks/bench_publish.py`` (``make bench`` runs it).

On a throw-away SQLite copy of the demo university, alternating in one run:

* **Wagtail's plain publish**: ``revision.publish()`` of a plain ``wagtailcore.Page`` (no gate, no checks,
  no register, no e-mail);
* **ours**: ``revision.publish()`` of a news item of the same size — the gate's fingerprint and decision,
  the Thai policy checks of the revision, the register row, the page cache purge and the unit's and editor's
  notifications queued in the outbox.

Prints the medians and the difference (target: ours adds ≤ 50 ms).
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
WORKDIR = Path(tempfile.mkdtemp(prefix="pcru-bench-publish-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="pcru_site.settings.dev",
    DATABASE_URL=f"sqlite:///{WORKDIR / 'db.sqlite3'}",
    MEDIA_ROOT=str(WORKDIR / "media"),
    TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
    EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
)
os.environ.pop("CACHE_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from wagtail.models import Page  # noqa: E402
from wagtail.rich_text import RichText  # noqa: E402

from publication.moderation.gate import trusted_publication  # noqa: E402
from publication.outbox.models import Notification  # noqa: E402
from publication.pages.models import NewsIndexPage, NewsPage  # noqa: E402

RUNS = 25
BODY = "<p>" + "มหาวิทยาลัยราชภัฏเพชรบูรณ์จัดกิจกรรมบริการวิชาการแก่ชุมชนในจังหวัดเพชรบูรณ์ " * 40 + "</p>"


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("bootstrap_demo", password="Bench-Publish-2569", no_news=True, stdout=io.StringIO())
    folder = NewsIndexPage.objects.filter(aggregate_all_units=False).first()  # a unit's own news folder
    with trusted_publication("bench: the pages to publish"):
        news = folder.add_child(
            instance=NewsPage(
                title="ข่าวทดสอบความเร็วการเผยแพร่",
                slug="bench-publish-news",
                summary="สรุปข่าวทดสอบความเร็วการเผยแพร่ของระบบ",
                body=[("paragraph", RichText(BODY))],
                publisher_name="ณัฐวุฒิ สายทอง",
                publisher_position="นักวิชาการคอมพิวเตอร์",
                live=False,
            )
        )
        plain = Page.objects.get(depth=1).add_child(instance=Page(title="หน้าธรรมดาของ Wagtail", slug="bench-plain", live=False))
    ours, wagtails = [], []
    queued_before = Notification.objects.count()
    for run in range(RUNS):
        for page, times in ((plain, wagtails), (news, ours)):
            page.title = f"{page.title.split(' #')[0]} #{run}"
            revision = page.save_revision()
            with transaction.atomic(), trusted_publication("bench: publish"):
                start = time.perf_counter()
                revision.publish()
                times.append(time.perf_counter() - start)
    queued = Notification.objects.count() - queued_before
    plain_ms, ours_ms = statistics.median(wagtails) * 1000, statistics.median(ours) * 1000
    print(f"publish, median of {RUNS} alternating runs (SQLite):")
    print(f"  Wagtail's plain publish   {plain_ms:7.1f} ms")
    print(f"  ours (gate, checks, register, purge, {queued // RUNS} e-mails queued)  {ours_ms:7.1f} ms")
    print(f"  added by ours             {ours_ms - plain_ms:7.1f} ms (target ≤ 50 ms)")


if __name__ == "__main__":
    main()

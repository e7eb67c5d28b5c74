"""Create (or complete) the demo university: units, people, sections and Thai news. Idempotent."""

from __future__ import annotations

import datetime
import os
import secrets

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from publication.demo import content as demo
from publication.demo import news as demo_news
from publication.demo.images import news_cover_png
from publication.demo.letters import ensure_external_letters
from publication.demo.requests import ensure_requests_and_posts
from publication.moderation.gate import trusted_publication
from publication.organisation.models import Unit
from publication.organisation.provisioning import (
    ARIT_DIRECTOR,
    EXECUTIVES,
    PRESIDENTS_OFFICE,
    WEBMASTERS,
    provision_all,
)
from publication.pages.models import NewsCategory, NewsIndexPage, NewsPage, StandardPage, UnitIndexPage, UnitPage
from publication.pages.sites import align_default_site
from publication.upkeep.review import sync_review_schedules

ROLE_GROUPS = {
    "webmaster": WEBMASTERS,
    "arit_director": ARIT_DIRECTOR,
    "executive": EXECUTIVES,
    "presidents_office": PRESIDENTS_OFFICE,
}


class Command(BaseCommand):
    help = "Create the demo university with Thai units, one user per role and 30+ news items (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password", help="Password for every demo user (default: DEMO_PASSWORD or, in dev, 'pcru2569')."
        )
        parser.add_argument("--no-news", action="store_true", help="Skip the demo news items.")

    def handle(self, *args, password=None, no_news=False, **options):
        password = (
            password or os.environ.get("DEMO_PASSWORD") or ("pcru2569" if settings.DEBUG else secrets.token_urlsafe(12))
        )
        # The demo's existing content stands for what was approved before the system: published
        # without a workflow (the policy checks still run on it; see publication.moderation.gate).
        with transaction.atomic(), trusted_publication("bootstrap_demo: the demo university's existing content"):
            home = self.ensure_home()
            categories = self.ensure_categories()
            university_news, unit_index = self.ensure_university_sections(home)
            units = self.ensure_units(unit_index)
            self.ensure_about_page(home, units["PRES"])
            provision_all()
            users = self.ensure_people(units, password)
            provision_all()
            if not no_news:
                self.ensure_news(units, categories, university_news, users)
            ensure_external_letters(home, examples=not no_news)  # P1.4 (publication/demo/letters.py)
            ensure_requests_and_posts(examples=not no_news)  # P1.2, P1.5 (publication/demo/requests.py)
            sync_review_schedules()  # P1.1(1): every live page gets its review schedule (publication/upkeep/review.py)
        self.stdout.write(self.style.SUCCESS("Demo university is ready."))
        if settings.DEBUG:
            self.stdout.write(f"Demo logins (dev only), password for all: {password}")
            for username in sorted(users):
                self.stdout.write(f"  {username:16} {users[username].get_full_name()}")

    # --- structure -------------------------------------------------------------------------
    def ensure_home(self) -> Page:
        home_page = apps.get_model("home", "HomePage")  # the site's own app: named, not imported
        home = home_page.objects.first()
        root = Page.get_first_root_node()
        if home is None:
            home = root.add_child(
                instance=home_page(
                    title="มหาวิทยาลัยราชภัฏเพชรบูรณ์",
                    slug="home-pcru",
                    hero_title="มหาวิทยาลัยราชภัฏเพชรบูรณ์ มหาวิทยาลัยเพื่อการพัฒนาท้องถิ่น",
                    hero_text=(
                        "ข่าวสาร กิจกรรม และบริการของมหาวิทยาลัยและหน่วยงานภายใน "
                        "ตรวจสอบก่อนเผยแพร่ทุกชิ้นตามแนวปฏิบัติของมหาวิทยาลัย"
                    ),
                )
            )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="PCRU")
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "PCRU"
            site.save()
            if old_root.specific_class is Page and not old_root.get_children().exists():
                old_root.delete()
        align_default_site()  # links in the sitemap, feeds and e-mails name the configured host
        apps.get_model("home", "SiteContact").for_site(Site.objects.get(is_default_site=True))
        return home

    def ensure_categories(self) -> dict[str, NewsCategory]:
        return {
            slug: NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]
            for name, slug in demo_news.CATEGORIES
        }

    def ensure_university_sections(self, home: Page) -> tuple[NewsIndexPage, UnitIndexPage]:
        news = NewsIndexPage.objects.child_of(home).filter(slug="news").first()
        if news is None:
            news = home.add_child(
                instance=NewsIndexPage(
                    title="ข่าวมหาวิทยาลัย",
                    slug="news",
                    intro="ข่าวและประกาศจากมหาวิทยาลัยและหน่วยงานภายในทั้งหมด",
                    aggregate_all_units=True,
                    show_in_menus=True,
                )
            )
        units = UnitIndexPage.objects.child_of(home).first()
        if units is None:
            units = home.add_child(
                instance=UnitIndexPage(
                    title="หน่วยงาน", slug="units", intro="ทำเนียบคณะ สำนัก สถาบัน และศูนย์ของมหาวิทยาลัย", show_in_menus=True
                )
            )
        return news, units

    def ensure_units(self, unit_index: UnitIndexPage) -> dict[str, Unit]:
        units: dict[str, Unit] = {}
        for code, kind, name_th, name_en, email, phone, parent, own_news, has_news in demo.UNITS:
            unit, _created = Unit.objects.get_or_create(
                code=code,
                defaults={
                    "kind": kind,
                    "name_th": name_th,
                    "name_en": name_en,
                    "contact_email": email,
                    "phone": phone,
                    "parent": units.get(parent) if parent else None,
                    "may_publish_own_news": own_news,
                },
            )
            units[code] = unit
            if parent:
                continue
            if unit.section_id is None:
                section = unit_index.add_child(
                    instance=UnitPage(title=name_th, slug=code.lower(), intro=demo.UNIT_INTROS[code], owner_unit=unit)
                )
                unit.section = section
                unit.save()
            if has_news and not NewsIndexPage.objects.child_of(unit.section).exists():
                unit.section.add_child(
                    instance=NewsIndexPage(title=f"ข่าว{name_th}", slug="news", intro=f"ข่าวและกิจกรรมของ{name_th}")
                )
        return units

    def ensure_about_page(self, home: Page, owner: Unit) -> None:
        if StandardPage.objects.child_of(home).filter(slug="about").exists():
            return
        page = StandardPage(
            title="เกี่ยวกับมหาวิทยาลัย",
            slug="about",
            owner_unit=owner,
            show_in_menus=True,
            intro="มหาวิทยาลัยราชภัฏเพชรบูรณ์ สถาบันอุดมศึกษาเพื่อการพัฒนาท้องถิ่นจังหวัดเพชรบูรณ์และภาคเหนือตอนล่าง",
            body=[
                ("heading", {"text": "ปรัชญา", "level": "h2"}),
                ("paragraph", RichText("<p>ความรู้คู่คุณธรรม นำพัฒนาท้องถิ่น</p>")),
                ("heading", {"text": "วิสัยทัศน์", "level": "h2"}),
                ("paragraph", RichText("<p>มหาวิทยาลัยแห่งการเรียนรู้เพื่อพัฒนาท้องถิ่นอย่างยั่งยืน</p>")),
            ],
        )
        home.add_child(instance=page)

    # --- people ----------------------------------------------------------------------------
    def _user(self, username: str, first: str, last: str, password: str):
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@pcru.ac.th", "is_staff": True},
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.save()
        return user

    def ensure_people(self, units: dict[str, Unit], password: str) -> dict:
        users = {}
        for username, first, last, role, _unit in demo.PEOPLE:
            user = self._user(username, first, last, password)
            user.groups.add(Group.objects.get(name=ROLE_GROUPS[role]))
            users[username] = user
        for code, ((ed_first, ed_last), (head_first, head_last)) in demo.UNIT_PEOPLE.items():
            editor = self._user(f"{code.lower()}_editor", ed_first, ed_last, password)
            head = self._user(f"{code.lower()}_head", head_first, head_last, password)
            units[code].editors.add(editor)
            units[code].heads.add(head)
            users[editor.username] = editor
            users[head.username] = head
        return users

    # --- news ------------------------------------------------------------------------------
    def ensure_news(self, units, categories, university_news: NewsIndexPage, users) -> None:
        image_model = get_image_model()
        today = timezone.localdate()
        for number, (folder_code, owner_code, category, title, summary, paragraphs) in enumerate(demo_news.NEWS):
            folder = university_news if folder_code is None else units[folder_code].news_index
            existing = NewsPage.objects.filter(title=title).first()
            if existing is not None:
                if existing.slug == f"news-{number + 1:02d}":
                    self.renew_news_slug(existing, users)
                continue
            owner = units[owner_code]
            image_title = f"ภาพประกอบข่าว {number + 1:02d}"
            image = image_model.objects.filter(title=image_title).first()
            if image is None:
                png = news_cover_png(owner_code, number)
                from io import BytesIO

                image = image_model(title=image_title, collection=owner.collection)
                image.file = ImageFile(BytesIO(png), name=f"demo-news-{number + 1:02d}.png")
                image.save()
            editor = users.get(f"{owner_code.lower()}_editor")
            page = NewsPage(
                title=title,
                slug="",  # made from the title, Thai words whole (ThaiSlugPageMixin)
                summary=summary,
                date=today - datetime.timedelta(days=number * 2 + 1),
                cover_image=image,
                cover_image_alt=f"ภาพประกอบข่าว: {title}",
                category=categories[category],
                owner_unit=owner,
                owner=editor,
                publisher_name=editor.get_full_name() if editor else "",
                publisher_position=demo.POSITIONS["editor"],
                publisher_unit=owner,
                body=[("paragraph", RichText("".join(f"<p>{p}</p>" for p in paragraphs)))],
            )
            folder.add_child(instance=page)
            page.tags.add(owner.code, "PCRU")
            page.save_revision(user=editor).publish(user=users["webmaster"])

    def renew_news_slug(self, page: NewsPage, users) -> None:
        """A demo news item made before slugs kept Thai words (`news-01`…) gets the slug of its title.

        Published again as the demo publishes its news, so the live revision agrees; Wagtail's
        redirects app sends the old address to the new one.
        """
        page.slug = ""
        editor = users.get(f"{page.owner_unit.code.lower()}_editor") if page.owner_unit else None
        page.save_revision(user=editor).publish(user=users["webmaster"])

"""The home page (latest news) and the site contact settings shown in every footer."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from home.models import SiteContact
from publication.moderation.gate import trusted_publication

pytestmark = pytest.mark.django_db


def page_soup(client, url="/") -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_site_root_is_the_home_page(demo):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == demo.home
    assert demo.home.get_url() == "/"


def test_home_page_shows_the_latest_news_newest_first(client, demo, make_news):
    sci, edu = demo.units["SCI"], demo.units["EDU"]
    demo.home.latest_news_count = 3
    with trusted_publication("test: site set-up"):
        demo.home.save_revision().publish()
    start = datetime.date(2026, 11, 25)
    titles = [
        "เปิดรับสมัครนักศึกษาใหม่ รอบโควตา ปีการศึกษา 2570",
        "คณะวิทยาศาสตร์จัดแข่งขันตอบปัญหาวิทยาศาสตร์",
        "คณะครุศาสตร์ลงนามความร่วมมือกับโรงเรียนในจังหวัดเพชรบูรณ์",
        "โครงการบริการวิชาการแก่ชุมชนบ้านนายม",
    ]
    for number, title in enumerate(titles):
        folder = (sci if number % 2 else edu).news_index
        make_news(folder, title, date=start - datetime.timedelta(days=number))
    make_news(sci.news_index, "ข่าวร่างที่ไม่ควรแสดง", date=start + datetime.timedelta(days=1), publish=False)

    page = page_soup(client)
    shown = [h.get_text(strip=True) for h in page.select(".news-card__title")]
    assert shown == titles[:3]
    assert page.select_one(".news-card time").get_text(strip=True) == "25 พฤศจิกายน 2569"
    assert page.find("a", string="ข่าวทั้งหมด")["href"] == demo.university_news.url
    assert page.find("h1").get_text(strip=True) == demo.home.hero_title


def test_home_page_without_news_says_so(client, demo):
    page = page_soup(client)
    assert page.select(".news-card") == []
    assert "ยังไม่มีข่าวที่เผยแพร่" in page.get_text()


def test_footer_shows_site_contact_defaults(client, demo):
    contact = SiteContact.for_site(Site.objects.get(is_default_site=True))
    assert contact.email == "webmaster_pcru@pcru.ac.th"
    footer = page_soup(client).find("footer", class_="site-footer")
    text = footer.get_text(" ", strip=True)
    assert "มหาวิทยาลัยราชภัฏเพชรบูรณ์" in text
    assert "83 หมู่ 11 ถนนสระบุรี–หล่มสัก ตำบลสะเดียง อำเภอเมือง จังหวัดเพชรบูรณ์ 67000" in text
    assert "โทรศัพท์ 056-717-100" in text
    assert footer.find("a", href="mailto:webmaster_pcru@pcru.ac.th") is not None
    assert footer.find("a", string="Facebook") is None  # blank by default


def test_footer_follows_edited_site_contact(client, demo):
    contact = SiteContact.for_site(Site.objects.get(is_default_site=True))
    contact.phone = "056-717-199"
    contact.facebook_url = "https://www.facebook.com/pcru.official"
    contact.save()
    footer = page_soup(client, demo.university_news.url).find("footer", class_="site-footer")
    assert "โทรศัพท์ 056-717-199" in footer.get_text(" ", strip=True)
    assert footer.find("a", string="Facebook")["href"] == "https://www.facebook.com/pcru.official"

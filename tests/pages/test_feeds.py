"""The news feeds carry summaries as plain text (issue 13), read as a feed reader reads them.

RSS `<description>` and Atom `<summary type="html">` are HTML to a feed reader: a summary is plain text,
so markup typed into it must arrive escaped once (shown as typed), neither as markup nor escaped twice.
The feeds' titles, links and order are tested with the rest of the public site (`test_public_site.py`).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own responses

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
TITLE = "นักศึกษาคว้ารางวัลชนะเลิศการแข่งขันหุ่นยนต์ระดับประเทศ"
SUMMARY = 'ทีม <b>PCRU Robot</b> ชนะเลิศ & รับถ้วยพระราชทาน <script>alert("ข่าว")</script> ณ กรุงเทพฯ'


@pytest.fixture
def news(demo, make_news):
    return make_news(demo.university_news, TITLE, owner_unit=demo.units["PRES"], summary=SUMMARY)


def rss_descriptions(client) -> dict[str, str]:
    response = client.get("/feeds/news/rss/")
    assert response.status_code == 200
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314
    return {item.findtext("title"): item.findtext("description") for item in channel.findall("item")}


def atom_summaries(client) -> dict[str, ET.Element]:
    response = client.get("/feeds/news/atom/")
    assert response.status_code == 200
    feed = ET.fromstring(response.content)  # noqa: S314
    return {entry.findtext(f"{ATOM}title"): entry.find(f"{ATOM}summary") for entry in feed.findall(f"{ATOM}entry")}


def as_a_reader_shows_it(html: str) -> tuple[str, list[str]]:
    """The text a feed reader displays for an HTML description, and the tags it would obey."""
    parsed = BeautifulSoup(html, "html.parser")
    return parsed.get_text(), [tag.name for tag in parsed.find_all(True)]


def test_rss_description_is_the_summary_as_text(client, news):
    description = rss_descriptions(client)[TITLE]
    assert description.startswith("ทีม &lt;b&gt;PCRU Robot&lt;/b&gt; ชนะเลิศ &amp; ")  # escaped once, not twice
    text, tags = as_a_reader_shows_it(description)
    assert text == SUMMARY and tags == []


def test_atom_summary_is_the_summary_as_text(client, news):
    summary = atom_summaries(client)[TITLE]
    assert summary.get("type") == "html"
    text, tags = as_a_reader_shows_it(summary.text)
    assert text == SUMMARY and tags == []
    assert "&amp;lt;" not in summary.text


def test_control_characters_pasted_into_a_summary_do_not_break_the_feeds(client, demo, make_news):
    # A vertical tab (a line break copied from a word processor) is not allowed in XML 1.0.
    make_news(demo.university_news, TITLE, owner_unit=demo.units["PRES"], summary="สรุปข่าว\x0bบรรทัดใหม่\x1fท้าย")
    assert rss_descriptions(client)[TITLE] == "สรุปข่าว บรรทัดใหม่ ท้าย"
    assert atom_summaries(client)[TITLE].text == "สรุปข่าว บรรทัดใหม่ ท้าย"

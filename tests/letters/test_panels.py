"""P1.4 on the dashboard: each central group sees the official letters at its step, overdue ones marked.

The letters are the demo's (`ensure_external_letters`): one waiting for the executives since it came in
twelve days ago (overdue), one approved and waiting for the ARIT Director, one declined and one closed.
"""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from publication.demo.letters import ensure_external_letters
from publication.letters import steps
from publication.letters.models import ExternalRequest
from publication.letters.models import ExternalRequestStatus as Status
from publication.letters.panels import LetterWorkPanel

PANEL = "my-work-letters"
OVERDUE_LETTER = "พช 0017.2/ว 1021"  # waiting for the executives since it was received
APPROVED_LETTER = "ศธ 04103/2345"
DECLINED_LETTER = "บจก. 2569/088"
CLOSED_LETTER = "พช 0023.3/ว 5510"


def dashboard(client, user) -> BeautifulSoup:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def letters_panel(soup):
    return soup.select_one(f'[data-my-work="{PANEL}"]')


def step_list(soup, key: str):
    found = letters_panel(soup)
    assert found is not None, "no letters panel"
    return found.select_one(f'[data-my-work-list="{key}"]')


def numbers(soup, key: str) -> list[str]:
    """The demo letters listed at a step (by number), in order."""
    titles = [row.select_one("td.title a").get_text(strip=True) for row in step_list(soup, key).select("tr[data-my-work-item]")]
    demo_numbers = (OVERDUE_LETTER, APPROVED_LETTER, DECLINED_LETTER, CLOSED_LETTER)
    return [number for title in titles for number in demo_numbers if title.startswith(number + " ")]


@pytest.fixture
def letters(demo):
    ensure_external_letters(demo.home)
    return {req.letter_number: req for req in ExternalRequest.objects.all()}


def test_executive_sees_the_overdue_letter_at_their_step_marked(client, demo, letters):
    soup = dashboard(client, demo.user("executive"))
    decide = step_list(soup, "decide")
    assert int(decide["data-count"]) == 1
    assert numbers(soup, "decide") == [OVERDUE_LETTER]
    row = decide.select_one("tr[data-my-work-item]")
    assert row.has_attr("data-overdue")
    assert "เกินกำหนด" in row.select_one("[data-overdue-badge]").get_text()
    assert decide.select_one("[data-overdue-count]")["data-overdue-count"] == "1"
    assert row.select_one("a")["href"] == f"/admin/external-requests/{letters[OVERDUE_LETTER].pk}/"
    # Only the executives' step: no other list, no editor's or webmaster's panel.
    assert [section["data-my-work-list"] for section in letters_panel(soup).select("[data-my-work-list]")] == ["decide"]
    assert soup.select_one('[data-my-work="my-work-editor"]') is None
    assert soup.select_one('[data-my-work="my-work-webmaster"]') is None


def test_a_letter_in_time_is_not_marked(client, demo, letters):
    ExternalRequest.objects.filter(pk=letters[OVERDUE_LETTER].pk).update(step_started_at=timezone.now())
    soup = dashboard(client, demo.user("executive"))
    row = step_list(soup, "decide").select_one("tr[data-my-work-item]")
    assert not row.has_attr("data-overdue")
    assert "ภายใน" in row.get_text()  # due by …
    assert step_list(soup, "decide").select_one("[data-overdue-count]") is None


def test_each_group_sees_its_own_step(client, demo, letters):
    director = dashboard(client, demo.user("arit_director"))
    assert numbers(director, "assign") == [APPROVED_LETTER]
    assert [s["data-my-work-list"] for s in letters_panel(director).select("[data-my-work-list]")] == ["assign"]

    clerk = dashboard(client, demo.user("clerk"))
    assert int(step_list(clerk, "submit")["data-count"]) == 0
    assert numbers(clerk, "notify") == [DECLINED_LETTER]

    webmaster = dashboard(client, demo.user("webmaster"))
    assert int(step_list(webmaster, "publish")["data-count"]) == 0
    assert numbers(webmaster, "notify") == [DECLINED_LETTER]
    assert CLOSED_LETTER not in letters_panel(webmaster).get_text()


def test_assigned_letter_waits_for_the_assigned_webmaster_only(client, demo, letters, django_user_model):
    from django.contrib.auth.models import Group

    other = django_user_model.objects.create_user("webmaster2", password="x", is_staff=True)  # noqa: S106
    other.groups.add(Group.objects.get(name="Webmasters"))
    req = letters[APPROVED_LETTER]
    steps.assign(req, demo.user("arit_director"), demo.user("webmaster"), "ภายใน 3 วันทำการ")
    ExternalRequest.objects.filter(pk=req.pk).update(step_started_at=timezone.now() - datetime.timedelta(days=10))

    soup = dashboard(client, demo.user("webmaster"))
    assert numbers(soup, "publish") == [APPROVED_LETTER]
    assert step_list(soup, "publish").select_one("tr[data-my-work-item]").has_attr("data-overdue")
    assert numbers(dashboard(client, other), "notify") == [DECLINED_LETTER]  # not the other webmaster's to publish
    assert int(step_list(dashboard(client, other), "publish")["data-count"]) == 0
    assert letters_panel(dashboard(client, demo.user("arit_director")))["data-total"] == "0"


def test_nothing_at_my_step_is_said_in_thai(client, demo, letters):
    steps.decide(letters[OVERDUE_LETTER], demo.user("executive"), approve=True, reason="เห็นควรเผยแพร่", attested=True)
    soup = dashboard(client, demo.user("executive"))
    assert letters_panel(soup)["data-total"] == "0"
    assert "ไม่มีงานค้าง" in letters_panel(soup).get_text()


def test_unit_staff_have_no_letters_panel(client, demo, letters):
    for username in ("sci_editor", "sci_head"):
        soup = dashboard(client, demo.user(username))
        assert letters_panel(soup) is None
        assert OVERDUE_LETTER not in soup.get_text()


def test_letters_panel_runs_a_fixed_number_of_queries(demo, letters, django_assert_max_num_queries):
    def render(user):
        request = RequestFactory().get("/admin/")
        request.user = user
        with CaptureQueriesContext(connection) as queries:
            html = LetterWorkPanel(request).render_html({"request": request})
        return html, len(queries)

    executive = demo.user("executive")
    _html, before = render(executive)
    template = letters[OVERDUE_LETTER]
    for number in range(15):
        ExternalRequest.objects.create(
            agency_name=template.agency_name,
            contact_person=template.contact_person,
            letter_number=f"พช 0017.2/ว {2000 + number}",
            letter_date=template.letter_date,
            received_on=template.received_on,
            subject=f"ขอประชาสัมพันธ์กิจกรรมที่ {number}",
            requested_content=template.requested_content,
            status=Status.AWAITING_DECISION,
            step_started_at=timezone.now() - datetime.timedelta(days=number),
        )
    executive = type(executive).objects.get(pk=executive.pk)
    with django_assert_max_num_queries(before):
        html, _after = render(executive)
    soup = BeautifulSoup(html, "html.parser")
    assert int(step_list(soup, "decide")["data-count"]) == 16
    assert len(step_list(soup, "decide").select("tr[data-my-work-item]")) == 10
    assert "ดูทั้งหมด 16 รายการ" in soup.get_text()

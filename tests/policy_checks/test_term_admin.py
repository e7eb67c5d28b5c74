"""The webmasters maintain the policy engine's terms (the PolicyTerm snippet, Settings menu), as the
docs tell them to; provisioning grants it to the Webmasters group and nobody else."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from policy_checks.models import PolicyTerm
from publication.organisation.roles import WEBMASTERS

pytestmark = pytest.mark.django_db

LIST_URL = "wagtailsnippets_policy_checks_policyterm:list"
ADD_URL = "wagtailsnippets_policy_checks_policyterm:add"
NEW_TERM = {
    "term": "เกรียนคีย์บอร์ด",
    "rule": "impolite-language",
    "severity": "warning",
    "kind": "insult",
    "suggestion": "",
    "note": "พบบ่อยในความคิดเห็นบนเพจคณะ (ผู้ดูแลเว็บไซต์เพิ่ม)",
    "active": "on",
}


def test_webmasters_group_holds_the_policy_term_permissions(demo):
    codenames = set(
        Group.objects.get(name=WEBMASTERS).permissions.filter(content_type__app_label="policy_checks").values_list("codename", flat=True)
    )
    assert codenames == {f"{action}_policyterm" for action in ("add", "change", "delete", "view")}


def test_webmaster_opens_the_list_and_adds_a_term(client, demo):
    client.force_login(demo.user("webmaster"))
    listing = client.get(reverse(LIST_URL))
    assert listing.status_code == 200
    assert reverse(ADD_URL) in listing.content.decode()
    # The Settings menu leads there.
    assert reverse(LIST_URL) in client.get(reverse("wagtailadmin_home")).content.decode()

    response = client.post(reverse(ADD_URL), NEW_TERM)
    assert response.status_code == 302, response.content[:2000]
    term = PolicyTerm.objects.get(term="เกรียนคีย์บอร์ด")
    assert (term.rule, term.severity, term.kind) == ("impolite-language", "warning", "insult")
    assert term.history.get().history_user == demo.user("webmaster")


@pytest.mark.parametrize("role", ["sci_editor", "sci_head"])
def test_unit_staff_cannot_open_or_add_terms(client, demo, role):
    client.force_login(demo.user(role))
    assert client.get(reverse(LIST_URL)).status_code in (302, 403)
    assert client.post(reverse(ADD_URL), NEW_TERM).status_code in (302, 403)
    assert not PolicyTerm.objects.exists()

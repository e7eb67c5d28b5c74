"""Issue 13: login throttling and lockout (django-axes), the failed sign-ins report, Django's admin.

Everything goes through the real URLs with Django's test client: Wagtail's /admin/login/, the report
at /admin/login-attempts/, and /django-admin/. The client's IP is REMOTE_ADDR (set per request).
"""

from __future__ import annotations

import datetime
import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.db.models import F
from django.test import Client
from wagtail.models import ModelLogEntry

from tests.conftest import DEMO_PASSWORD

LOGIN = "/admin/login/"
REPORT = "/admin/login-attempts/"
UNLOCK = "/admin/login-attempts/unlock/"
ATTACKER = "203.0.113.66"
COLLEAGUE = "203.0.113.67"
LOCKED_TITLE = "ระงับการเข้าสู่ระบบชั่วคราว"


@pytest.fixture(autouse=True)
def throttling(settings, db):
    """The production limits, stated here so an environment variable cannot change what is tested;
    axes' records emptied before and after each test."""
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 20
    axes_reset()
    AccessFailureLog.objects.all().delete()
    yield
    axes_reset()
    AccessFailureLog.objects.all().delete()


def sign_in(client, username, password, ip=ATTACKER, **headers):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=ip, **headers)


def fail(client, username, times, ip=ATTACKER, **headers):
    return [sign_in(client, username, "ผิด-password-2569", ip, **headers).status_code for _ in range(times)]


def signed_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def main_text(response) -> str:
    """The page's <main> element (the rest differs by the per-session CSRF token)."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def let_cool_off_pass():
    """Move every attempt 16 minutes into the past: the 15-minute cool-off is over (no sleeping)."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=16))


# --- Wagtail's login form ---------------------------------------------------------------------------------


def test_brute_force_locks_the_username_from_that_ip_even_for_the_right_password(client, demo, caplog):
    caplog.set_level(logging.WARNING)
    assert fail(client, "sci_editor", 4) == [200] * 4
    locked = sign_in(client, "sci_editor", "ผิดอีกครั้ง")
    assert locked.status_code == 429
    assert locked["Retry-After"] == "900"
    page = locked.content.decode()
    assert LOCKED_TITLE in page and "15 นาที" in page and "สวท." in page
    assert "webmaster_pcru@pcru.ac.th" in page

    right = sign_in(client, "sci_editor", DEMO_PASSWORD)
    assert right.status_code == 429, "the right password must be refused while locked"
    assert not signed_in(client)

    lockouts = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Login locked out")]
    assert lockouts and all("username='sci_editor'" in m and f"ip={ATTACKER}" in m for m in lockouts)
    failures = [r.getMessage() for r in caplog.records if r.name == "axes.handlers.database" and "login failure" in r.getMessage()]
    assert any('username: "sci_editor"' in m and f'ip_address: "{ATTACKER}"' in m for m in failures)

    let_cool_off_pass()
    assert sign_in(client, "sci_editor", DEMO_PASSWORD).status_code == 302
    assert signed_in(client)


def test_a_colleague_behind_the_same_address_is_not_locked(demo):
    fail(Client(), "sci_editor", 5)
    assert sign_in(Client(), "sci_editor", DEMO_PASSWORD).status_code == 429
    colleague = Client()
    assert sign_in(colleague, "sci_head", DEMO_PASSWORD).status_code == 302
    assert signed_in(colleague)
    # The owner elsewhere is not locked out by someone guessing at their username.
    assert sign_in(Client(), "sci_editor", DEMO_PASSWORD, ip=COLLEAGUE).status_code == 302


def test_one_account_from_many_addresses_is_locked_everywhere(demo):
    for n in range(3):
        assert fail(Client(), "webmaster", 5, ip=f"198.51.100.{n}")[-1] == 429
    assert sign_in(Client(), "webmaster", DEMO_PASSWORD, ip="192.0.2.1").status_code == 302  # 15 failures: not yet
    fail(Client(), "webmaster", 5, ip="198.51.100.9")  # 20 failures from four addresses
    assert sign_in(Client(), "webmaster", DEMO_PASSWORD, ip="192.0.2.2").status_code == 429
    assert sign_in(Client(), "sci_head", DEMO_PASSWORD, ip="192.0.2.2").status_code == 302


def test_a_forged_forwarded_header_does_not_change_the_address(demo):
    """Without a declared proxy (the settings' default), X-Forwarded-For and X-Real-IP are the attacker's
    to invent: ignored."""
    codes = [
        sign_in(Client(), "sci_editor", "ผิด", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}", HTTP_X_REAL_IP=f"198.51.100.{n}").status_code
        for n in range(5)
    ]
    assert codes == [200, 200, 200, 200, 429]
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ATTACKER}


def test_a_declared_proxy_header_gives_each_client_its_own_address(demo, settings):
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_REAL_IP", "REMOTE_ADDR"]
    proxy = "10.0.0.2"
    assert fail(Client(), "sci_editor", 5, ip=proxy, HTTP_X_REAL_IP="198.51.100.7")[-1] == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["198.51.100.7"]
    assert sign_in(Client(), "sci_editor", DEMO_PASSWORD, ip=proxy, HTTP_X_REAL_IP="198.51.100.8").status_code == 302


def test_neither_the_form_nor_the_lockout_tells_whether_a_username_exists(demo):
    def error_text(response):
        return [str(error) for error in response.context["form"].non_field_errors()]

    existing = sign_in(Client(), "sci_editor", "ผิด")
    unknown = sign_in(Client(), "ไม่มีผู้ใช้นี้", "ผิด")
    assert existing.status_code == unknown.status_code == 200
    assert error_text(existing) == error_text(unknown) != []
    fail(Client(), "sci_editor", 4)
    fail(Client(), "ไม่มีผู้ใช้นี้", 4)
    existing, unknown = sign_in(Client(), "sci_editor", "ผิด"), sign_in(Client(), "ไม่มีผู้ใช้นี้", "ผิด")
    assert existing.status_code == unknown.status_code == 429
    assert main_text(existing) == main_text(unknown)


def test_the_failure_log_keeps_the_newest_failures(demo, settings):
    """Past the per-user cap the oldest failures go (axes 8.3 alone would drop the newest)."""
    settings.AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT = 3
    fail(Client(), "sci_editor", 1)
    first = AccessFailureLog.objects.get().pk
    fail(Client(), "sci_editor", 3)
    assert set(AccessFailureLog.objects.values_list("pk", flat=True)) == {first + 1, first + 2, first + 3}


def test_the_test_clients_login_still_works(demo):
    client = Client()
    assert client.login(username="sci_editor", password=DEMO_PASSWORD)
    assert signed_in(client)


# --- Django's admin ---------------------------------------------------------------------------------------


def test_django_admin_has_no_login_form_and_is_for_superusers_only(client, demo):
    superuser = get_user_model().objects.create_superuser("root_arit", "root@pcru.ac.th", "รหัสผ่าน-ผู้ดูแล-2569")
    for url in ("/django-admin/", "/django-admin/login/", "/django-admin/auth/user/", "/django-admin/no-such-page"):
        assert client.get(url).status_code == 404, url
    form = {"username": "root_arit", "password": "รหัสผ่าน-ผู้ดูแล-2569", "next": "/django-admin/"}
    assert client.post("/django-admin/login/", form).status_code == 404
    assert client.get("/django-admin/").status_code == 404, "no session from the refused form"

    staff = Client()
    staff.force_login(demo.user("webmaster"))
    for url in ("/django-admin/", "/django-admin/login/", "/django-admin/auth/user/", "/django-admin/axes/accessattempt/"):
        assert staff.get(url).status_code == 404, url

    # A superuser signs in through Wagtail's throttled form, then uses Django's admin.
    assert sign_in(client, "root_arit", "รหัสผ่าน-ผู้ดูแล-2569").status_code == 302
    assert client.get("/django-admin/").status_code == 200
    assert client.get("/django-admin/axes/accessfailurelog/").status_code == 200
    assert client.get("/django-admin/login/").status_code == 302
    assert superuser.is_superuser


# --- The failed sign-ins report ---------------------------------------------------------------------------


def test_webmasters_see_failed_sign_ins_and_unlock(demo, caplog):
    caplog.set_level(logging.WARNING)
    fail(Client(), "sci_editor", 5, HTTP_USER_AGENT="python-requests/2.32 สคริปต์ทดสอบ")
    fail(Client(), "huso_editor", 2, ip=COLLEAGUE)
    webmaster = Client()
    webmaster.force_login(demo.user("webmaster"))

    page = webmaster.get(REPORT)
    assert page.status_code == 200
    html = page.content.decode()
    for heading in ("ชื่อผู้ใช้", "ที่อยู่ IP", "เบราว์เซอร์", "จำนวนครั้งที่ไม่สำเร็จ", "สถานะ", "เวลากรุงเทพฯ"):
        assert heading in html, heading
    assert "sci_editor" in html and ATTACKER in html and "python-requests/2.32 สคริปต์ทดสอบ" in html
    assert "huso_editor" in html
    assert "ระงับถึง" in html and "ไม่ถูกระงับ" in html

    locked_only = webmaster.get(REPORT, {"locked": "true"}).content.decode()
    assert "sci_editor" in locked_only and "huso_editor" not in locked_only
    assert "sci_editor" not in webmaster.get(REPORT, {"username": "huso"}).content.decode()
    assert "sci_editor" not in webmaster.get(REPORT, {"ip_address": COLLEAGUE}).content.decode()
    export = webmaster.get(REPORT, {"export": "csv"})
    csv = b"".join(export.streaming_content).decode("utf-8-sig")
    assert export.status_code == 200 and "จำนวนครั้งที่ไม่สำเร็จ" in csv and "sci_editor" in csv and "ระงับถึง" in csv

    confirm = webmaster.get(UNLOCK, {"username": "sci_editor"})
    assert confirm.status_code == 200 and ATTACKER in confirm.content.decode()
    assert webmaster.post(f"{UNLOCK}?username=sci_editor").status_code == 302
    assert not AccessAttempt.objects.filter(username="sci_editor").exists()
    assert AccessFailureLog.objects.filter(username="sci_editor").count() == 5, "history kept"
    assert any("Login unlocked: username='sci_editor' by='webmaster'" in r.getMessage() for r in caplog.records)
    assert ModelLogEntry.objects.filter(action="organisation.login_unlocked", object_id=str(demo.user("sci_editor").pk)).exists()

    assert sign_in(Client(), "sci_editor", DEMO_PASSWORD).status_code == 302


def test_unit_staff_cannot_see_or_unlock(demo):
    fail(Client(), "sci_head", 5)
    for role in ("sci_editor", "sci_head", "clerk"):
        user_client = Client()
        user_client.force_login(demo.user(role))
        assert user_client.get(REPORT).status_code in (302, 403), role
        assert user_client.get(UNLOCK, {"username": "sci_head"}).status_code in (302, 403), role
        assert user_client.post(f"{UNLOCK}?username=sci_head").status_code in (302, 403), role
        assert REPORT not in user_client.get("/admin/").content.decode(), "menu item shown to " + role
    assert AccessAttempt.objects.filter(username="sci_head").exists()

    webmaster = Client()
    webmaster.force_login(demo.user("webmaster"))
    assert REPORT in webmaster.get("/admin/").content.decode()

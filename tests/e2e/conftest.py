"""Browser end-to-end tests: the real site on a live server, Debian's chromium, a real SMTP sink.

- `live_server` is pytest-django's threaded server (it serves static files through the finders and
  MEDIA_ROOT through Django's media handler, so no URL patterns are needed).
- `smtp_sink` is an aiosmtpd server on 127.0.0.1; the site sends to it with Django's SMTP backend.
- `browser` is Playwright's sync API driving /usr/bin/chromium (never a downloaded browser): a missing
  chromium fails the run with a clear message, it is never skipped.
- `e2e` bundles the live site with the demo university and gives `login(username)` (through the real
  login form), `shot(page, name)` (test-output/e2e/<test>/NN-name.png) and the public URL helper.
  A failing test keeps a screenshot and the HTML of every open page.
- Every page a test opens runs under the site's Content-Security-Policy; a violation chromium reports in
  the console fails the test (issue 13: the admin and the public site must work under their policies).
"""

from __future__ import annotations

import email
import email.policy
import os
import re
import shutil
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from tests.conftest import DEMO_PASSWORD, _load_demo, run_bootstrap_demo

# Assertions wait on their condition; on a loaded machine (CI on two cores, a browser and a live
# server) a page after a POST can take more than Playwright's default 5 s to settle.
expect.set_options(timeout=30_000)

# Playwright's sync API keeps an asyncio loop running in this thread; the tests' own ORM calls are
# still plain synchronous code between browser steps.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUTPUT_ROOT = Path(django_settings.BASE_DIR) / "test-output" / "e2e"
AXE_JS = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


# --- the database ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite in a file, not in memory: the browser makes requests in parallel (autosave, previews,
    checks) and Django's live server would share one in-memory connection across all its threads."""
    database = django_settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("e2e-db") / "e2e.sqlite3")


@pytest.fixture(autouse=True)
def _file_database_only(request):
    from django.db import connection

    if request.node.get_closest_marker("e2e") and connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.fail(
            "Browser tests need a file-based SQLite test database; run them on their own with `make e2e` "
            "(`pytest tests/e2e -m e2e`), not mixed into the unit-test session.",
            pytrace=False,
        )


# --- failure artefacts ---------------------------------------------------------------------------


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _safe_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid.split("::", 1)[-1])[:120]


@pytest.fixture
def output_dir(request) -> Path:
    path = OUTPUT_ROOT / _safe_name(request.node.nodeid)
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True, exist_ok=True)
    return path


# --- the browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Browser tests need Debian's chromium at {CHROMIUM} (`make test-packages` installs it; "
            "E2E_CHROMIUM points elsewhere). Nothing is downloaded at run time.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


# --- the SMTP sink -------------------------------------------------------------------------------


@dataclass
class SmtpSink:
    host: str
    port: int
    messages: list = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, envelope) -> None:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append({"to": list(envelope.rcpt_tos), "message": message})

    def wait_for(self, predicate, timeout: float = 15.0) -> list:
        """Messages matching predicate(recipients, message), waiting for at least one to arrive."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                found = [m for m in self.messages if predicate(m["to"], m["message"])]
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.1)

    def to(self, address: str, timeout: float = 15.0) -> list:
        return self.wait_for(lambda recipients, _message: address in recipients, timeout)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def _smtp_server():
    from aiosmtpd.controller import Controller

    sink = SmtpSink(host="127.0.0.1", port=_free_port())

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
            sink.add(envelope)
            return "250 OK"

    controller = Controller(Handler(), hostname=sink.host, port=sink.port)
    controller.start()
    yield sink
    controller.stop()


@pytest.fixture
def smtp_sink(_smtp_server, settings) -> SmtpSink:
    """A real SMTP server the site sends to; emptied for each test."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = _smtp_server.host
    settings.EMAIL_PORT = _smtp_server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    _smtp_server.messages.clear()
    return _smtp_server


# --- the live site with the demo university ------------------------------------------------------


class E2E:
    """One test's view of the live site: log in as a role, take numbered screenshots."""

    def __init__(self, browser, base_url: str, output: Path, demo):
        self.browser = browser
        self.base_url = base_url
        self.output = output
        self.demo = demo
        self.contexts: list = []
        self.pages: list = []
        self._shots = 0
        self.csp_violations: list[str] = []

    def url(self, path: str) -> str:
        return self.base_url + path

    def new_page(self, **context_options):
        context = self.browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok", **context_options)
        context.set_default_timeout(30_000)  # a click waits for its element up to 30 s on a loaded machine
        self.contexts.append(context)
        page = context.new_page()
        self.pages.append(page)
        page.on("console", lambda message: self._note_csp_violation(page, message))
        return page

    def _note_csp_violation(self, page, message) -> None:
        # Chromium reports a refused script, style, frame or connection as a console error naming the policy
        # ("… violates the following Content Security Policy directive …"), preview iframes included.
        if "Content Security Policy" in message.text:
            self.csp_violations.append(f"{page.url}: {message.text}")

    def login(self, username: str, password: str = DEMO_PASSWORD, **context_options):
        """A fresh browser context logged in through the real form at /admin/login/."""
        page = self.new_page(**context_options)
        page.goto(self.url("/admin/login/"))
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(password)
        page.locator("form button[type=submit], form input[type=submit]").first.click()
        page.wait_for_url(re.compile(r"/admin/(?!login)"))
        return page

    def shot(self, page, name: str, full_page: bool = True) -> Path:
        self._shots += 1
        path = self.output / f"{self._shots:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    def keep_failure_artefacts(self) -> None:
        for index, page in enumerate(self.pages, start=1):
            if page.is_closed():
                continue
            try:
                page.screenshot(path=str(self.output / f"failure-{index}.png"), full_page=True)
                (self.output / f"failure-{index}.html").write_text(page.content(), encoding="utf-8")
                (self.output / f"failure-{index}.url.txt").write_text(page.url, encoding="utf-8")
            except Exception as error:  # noqa: BLE001 - a dead page must not hide the real failure
                (self.output / f"failure-{index}.error.txt").write_text(repr(error), encoding="utf-8")

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def live_site(live_server, settings):
    """The demo university on the live server: Wagtail's default Site and admin links point at it."""
    from django.core.cache import cache
    from wagtail.models import Site

    host, port = live_server.url.removeprefix("http://").split(":")
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.ALLOWED_HOSTS = [host, "127.0.0.1", "localhost", "testserver"]
    run_bootstrap_demo(no_news=True)
    Site.objects.filter(is_default_site=True).update(hostname=host, port=int(port))
    cache.clear()
    return live_server


@pytest.fixture
def e2e(request, browser, live_site, smtp_sink, output_dir):
    helper = E2E(browser, live_site.url, output_dir, _load_demo())
    helper.smtp = smtp_sink
    yield helper
    report = getattr(request.node, "rep_call", None)
    if report is None or report.failed:
        helper.keep_failure_artefacts()
    helper.close()
    if report is not None and report.passed and helper.csp_violations:
        pytest.fail("Content-Security-Policy violations in the browser:\n" + "\n".join(helper.csp_violations), pytrace=False)

"""Issue 15: production serving as README documents it, run for real.

Two gunicorn app servers with production settings share one database and one Redis, as they would
behind a load balancer: WhiteNoise serves the compressed, hashed static files; a page stored by one
server's page cache is purged for both by a publish made in a third process (as `publish_scheduled`
from cron would), so neither serves the old page on the next request.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.core.management.utils import get_random_secret_key

BASE_DIR = Path(__file__).resolve().parents[1]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    extra = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{extra}\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(request.encode())
        raw = b"".join(iter(lambda: sock.recv(65536), b""))
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    fields = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split(" ")[1]), fields, body


def _wait(port: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            _get(port, "/robots.txt")
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"gunicorn on port {port} did not answer")


def test_two_app_servers_share_the_cache_and_serve_static_files(tmp_path):
    port_a, port_b = _free_port(), _free_port()
    stripped = ("SECURE_", "CSP_", "DJANGO_", "SECRET_KEY", "DATABASE_URL", "CACHE_URL")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(stripped)}
    env = {
        **clean,
        "DJANGO_SETTINGS_MODULE": "pcru_site.settings.production",
        "SECRET_KEY": get_random_secret_key(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "WAGTAILADMIN_BASE_URL": "https://www.pcru.ac.th",
        "EMAIL_HOST": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "CACHE_URL": "redis://127.0.0.1:6379/11",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
    }
    manage = [sys.executable, "manage.py"]
    commands = (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["bootstrap_demo", "--no-news", "--password", "Str0ng-demo-pass"],
        ["shell", "-c", "from django.core.cache import cache; cache.clear()"],
    )
    for command in commands:
        subprocess.run(manage + command, cwd=BASE_DIR, env=env, check=True, capture_output=True, timeout=600)  # noqa: S603
    servers = [
        subprocess.Popen([GUNICORN, "--workers", "2", "--bind", f"127.0.0.1:{port}", "pcru_site.wsgi"], cwd=BASE_DIR, env=env)  # noqa: S603
        for port in (port_a, port_b)
    ]
    try:
        _wait(port_a), _wait(port_b)
        # WhiteNoise: hashed names, compressed copies, cached for good.
        status, fields, body = _get(port_a, "/")
        assert status == 200, body[:500]
        css = next(part.split('"')[0] for part in body.decode().split('href="')[1:] if part.split('"')[0].endswith(".css"))
        assert css.startswith("/static/") and len(css.rsplit(".", 2)[-2]) == 12, css  # site.<hash>.css
        status, fields, _ = _get(port_a, css, **{"Accept-Encoding": "gzip"})
        assert status == 200 and fields.get("Content-Encoding") == "gzip"
        assert "immutable" in fields.get("Cache-Control", "")
        # The home page stored by server A; server B reads it from the shared cache.
        assert fields_of(_get(port_a, "/"))["X-Page-Cache"] == "hit"
        assert fields_of(_get(port_b, "/"))["X-Page-Cache"] == "hit"
        # A publish in a third process (cron's publish_scheduled, the task worker) purges both.
        title = "ยินดีต้อนรับสู่มหาวิทยาลัยราชภัฏเพชรบูรณ์ ฉบับแก้ไข"
        script = (
            "from home.models import HomePage\n"
            "from publication.moderation.gate import trusted_publication\n"
            f"page = HomePage.objects.get(); page.hero_title = {title!r}\n"
            "with trusted_publication('test: a change published from another process'):\n"
            "    page.save_revision().publish()\n"
        )
        subprocess.run(manage + ["shell", "-c", script], cwd=BASE_DIR, env=env, check=True, capture_output=True, timeout=120)  # noqa: S603
        # Server B renders the new version first; server A serves that copy from the shared cache.
        for port, expected in ((port_b, "miss"), (port_a, "hit")):
            status, fields, body = _get(port, "/")
            assert status == 200 and fields["X-Page-Cache"] == expected and title in body.decode(), port
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=60)


def fields_of(response: tuple[int, dict[str, str], bytes]) -> dict[str, str]:
    return response[1]

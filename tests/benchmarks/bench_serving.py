# ruff: noqa: T201, S603, S607 - a benchmark script reports on stdout and starts the servers it measures
"""Serving speed through gunicorn, as production serves (issue 15; not collected by pytest).

Run: ``.venv/bin/python tests/benchmarks/bench_serving.py`` (``make bench`` runs it).

In one run, on a throw-away SQLite copy of the demo university with production settings
(`pcru_site.settings.production`, WhiteNoise's compressed manifest static files, Redis as the cache
when 127.0.0.1:6379 answers, local memory otherwise), it starts

* the site: ``gunicorn pcru_site.wsgi`` with 2 sync workers;
* the bare-Django ceiling: ``gunicorn tests.benchmarks.bare_wsgi`` (one view, no middleware, no
  database) with 2 sync workers;

then measures requests per second with the same load generator (``CONCURRENCY`` client processes,
a new connection per request, as sync workers close them), alternating the targets round after
round, and prints each as a ratio to the bare ceiling measured in the same run:

* home and a news page served from the page cache (target ≥ 0.5× the ceiling);
* the same news page rendered uncached (a query string the cache does not store);
* that a change published after the pages were stored shows on the very next request.
"""

from __future__ import annotations

import multiprocessing
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
CONCURRENCY = 4
SECONDS = 3.0
ROUNDS = 3


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str) -> tuple[int, bytes]:
    """One GET over a new connection: (status, body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while data := sock.recv(65536):
            chunks.append(data)
    raw = b"".join(chunks)
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def _client(port: int, path: str, deadline: float, counter) -> None:
    done = 0
    while time.perf_counter() < deadline:
        status, _ = fetch(port, path)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        done += 1
    with counter.get_lock():
        counter.value += done


def requests_per_second(port: int, path: str) -> float:
    counter = multiprocessing.Value("i", 0)
    start = time.perf_counter()
    deadline = start + SECONDS
    clients = [multiprocessing.Process(target=_client, args=(port, path, deadline, counter)) for _ in range(CONCURRENCY)]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    return counter.value / (time.perf_counter() - start)


def wait_for(port: int, path: str = "/") -> None:
    for _ in range(300):
        try:
            fetch(port, path)
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing answers on port {port}")


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="pcru-bench-serving-"))
    port, bare_port = free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pcru_site.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "EMAIL_HOST": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
    }
    cache = "local memory (per worker)"
    if redis_answers():
        env["CACHE_URL"] = "redis://127.0.0.1:6379/14"
        cache = "Redis"
    manage = [PYTHON, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["bootstrap_demo", "--password", secrets.token_urlsafe(12)],
    ):
        subprocess.run(manage + command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    if "CACHE_URL" in env:
        subprocess.run(manage + ["shell", "-c", "from django.core.cache import cache; cache.clear()"], env=env, cwd=ROOT, check=True)
    news_id, news_path = (
        subprocess.run(
            manage
            + [
                "shell",
                "-c",
                "from publication.pages.models import NewsPage; p = NewsPage.objects.live().public().first(); print(p.pk, p.url)",
            ],
            env=env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
        .split(" ", 1)
    )
    gunicorn = [GUNICORN, "--workers", "2", "--worker-class", "sync", "--log-level", "warning"]
    servers = [
        subprocess.Popen(gunicorn + ["--bind", f"127.0.0.1:{port}", "pcru_site.wsgi"], env=env, cwd=ROOT),
        subprocess.Popen(gunicorn + ["--bind", f"127.0.0.1:{bare_port}", "tests.benchmarks.bare_wsgi"], env=env, cwd=ROOT),
    ]
    try:
        wait_for(port), wait_for(bare_port)
        targets = {
            "bare Django ceiling": (bare_port, "/"),
            "home, cached": (port, "/"),
            "news page, cached": (port, news_path),
            "news page, uncached": (port, news_path + "?utm_source=bench"),
        }
        for target_port, path in targets.values():  # warm: templates, renditions, the page cache
            for _ in range(4):
                fetch(target_port, path)
        results: dict[str, list[float]] = {name: [] for name in targets}
        for _ in range(ROUNDS):
            for name, (target_port, path) in targets.items():
                results[name].append(requests_per_second(target_port, path))
        ceiling = statistics.median(results["bare Django ceiling"])
        print(f"gunicorn 2 sync workers, {CONCURRENCY} clients, {ROUNDS}×{SECONDS:.0f} s alternating; cache: {cache}")
        for name, values in results.items():
            rate = statistics.median(values)
            print(f"  {name:24} {rate:8.0f} req/s   {rate / ceiling:5.2f}× the bare ceiling")

        # A change published after the page was stored shows on the very next request.
        title = "ข่าวแก้ไขหลังเก็บแคช " + secrets.token_hex(3)
        script = (
            "from publication.pages.models import NewsPage\n"
            "from publication.moderation.gate import trusted_publication\n"
            f"page = NewsPage.objects.get(pk={int(news_id)})\n"
            f"page.title = {title!r}\n"
            "with trusted_publication('bench: a published change'):\n"
            "    page.save_revision().publish()\n"
        )
        subprocess.run(manage + ["shell", "-c", script], env=env, cwd=ROOT, check=True)
        status, body = fetch(port, news_path)
        shown = title.encode() in body
        print(f"  published change on the next request: {'yes' if shown and status == 200 else 'NO'}")
        if not shown:
            raise SystemExit(1)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


if __name__ == "__main__":
    main()

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
* with ``--reference``, a reference Wagtail site's page served the same way (the issue compares our
  uncached news page with wagtail/bakerydemo's blog post: it must stay ahead);
* that a change published after the pages were stored shows on the very next request.

The reference is any command that serves a site on a port, ``{port}`` in it replaced, with the page to ask
for. For bakerydemo (not part of this repository): clone wagtail/bakerydemo, make its own virtualenv with its
``requirements/base.txt`` (on Python 3.11, hold Django at 5.2), ``whitenoise`` and ``gunicorn``; add a
settings module importing its ``production`` settings with ``DEBUG = False``, no SSL redirect, SQLite and
local-memory cache; run ``migrate``, ``load_initial_data`` and ``collectstatic``; then::

    .venv/bin/python tests/benchmarks/bench_serving.py \
        --reference "/path/to/bakerydemo/serve.sh {port}" --reference-path /blog/icelandic-baking/

where ``serve.sh`` starts ``gunicorn bakerydemo.wsgi --workers 2 --worker-class sync --bind 127.0.0.1:$1
--no-control-socket`` with those settings.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import secrets
import shlex
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
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--reference", help='a command serving a reference site, "{port}" in it replaced')
    parser.add_argument("--reference-path", default="/", help="the reference page to ask for")
    arguments = parser.parse_args()
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
    # --no-control-socket: gunicorn 27 binds one control socket per user by default, which servers share.
    gunicorn = [GUNICORN, "--workers", "2", "--worker-class", "sync", "--log-level", "warning", "--no-control-socket"]
    servers = [
        subprocess.Popen(gunicorn + ["--bind", f"127.0.0.1:{port}", "pcru_site.wsgi"], env=env, cwd=ROOT),
        subprocess.Popen(gunicorn + ["--bind", f"127.0.0.1:{bare_port}", "tests.benchmarks.bare_wsgi"], env=env, cwd=ROOT),
    ]
    targets = {
        "bare Django ceiling": (bare_port, "/"),
        "home, cached": (port, "/"),
        "news page, cached": (port, news_path),
        "news page, uncached": (port, news_path + "?utm_source=bench"),
    }
    if arguments.reference:
        reference_port = free_port()
        command = shlex.split(arguments.reference.replace("{port}", str(reference_port)))
        servers.append(subprocess.Popen(command, stderr=subprocess.DEVNULL))  # noqa: S603 - the caller's own command
        targets["reference page (uncached)"] = (reference_port, arguments.reference_path)
    try:
        for target_port, _ in targets.values():
            wait_for(target_port)
        for target_port, path in targets.values():  # warm: templates, renditions, the page cache
            for _ in range(4):
                fetch(target_port, path)
        results: dict[str, list[float]] = {name: [] for name in targets}
        for _ in range(ROUNDS):
            for name, (target_port, path) in targets.items():
                results[name].append(requests_per_second(target_port, path))
        ceiling = statistics.median(results["bare Django ceiling"])
        print(f"gunicorn 2 sync workers, {CONCURRENCY} clients, {ROUNDS}×{SECONDS:.0f} s alternating; cache: {cache}")
        rates = {name: statistics.median(values) for name, values in results.items()}
        for name, rate in rates.items():
            print(f"  {name:27} {rate:8.0f} req/s   {rate / ceiling:5.2f}× the bare ceiling")
        if arguments.reference:
            ahead = rates["news page, uncached"] / rates["reference page (uncached)"]
            print(f"  news page uncached ÷ reference page: {ahead:.2f}× (target > 1)")

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
        answers = [fetch(port, news_path) for _ in range(10)]  # from both workers
        shown = all(status == 200 and title.encode() in body for status, body in answers)
        print(f"  published change on each of the next 10 requests: {'yes' if shown else 'NO'}")
        if not shown:
            raise SystemExit(1)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


if __name__ == "__main__":
    main()

"""The shape of `publication/` (issue 10, docs/architecture.md): small modules, one Django app per domain;
`policy_checks/` keeps small modules too (its rules are packages where they grew).

The one-way dependencies between the apps are import-linter contracts (`make lint`), not tests here.
"""

from __future__ import annotations

from pathlib import Path

from django.apps import apps
from django.conf import settings

PUBLICATION = Path(settings.BASE_DIR) / "publication"
POLICY_CHECKS = Path(settings.BASE_DIR) / "policy_checks"
#: "No module over ~400 lines": a little slack for a docstring, none for a second responsibility.
MAX_LINES = 420
APPS = ("organisation", "outbox", "moderation", "pages", "rights", "social", "letters", "demo")


def test_no_module_of_publication_or_policy_checks_is_over_about_400_lines():
    too_long = {
        str(path.relative_to(settings.BASE_DIR)): lines
        for root in (PUBLICATION, POLICY_CHECKS)
        for path in root.rglob("*.py")
        if "migrations" not in path.parts and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}


def test_publication_is_a_package_of_apps_each_starting_from_one_initial_migration():
    """Issue 10 regenerated one `0001_initial` per app; later changes add named migrations after it."""
    assert not (PUBLICATION / "apps.py").exists(), "publication/ is a package of apps, not an app"
    for label in APPS:
        config = apps.get_app_config(label)
        assert config.name == f"publication.{label}"
        migrations = sorted(p.name for p in (PUBLICATION / label / "migrations").glob("0*.py"))
        if not migrations:
            continue
        assert migrations[0] == "0001_initial.py", (label, migrations)
        assert [m for m in migrations if m.startswith("0001_")] == ["0001_initial.py"], (label, migrations)
        numbers = [int(m[:4]) for m in migrations]
        assert numbers == list(range(1, len(numbers) + 1)), (label, migrations)

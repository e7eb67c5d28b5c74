"""The Thai catalogue is complete: English message ids in the code, every one translated, nothing fuzzy.

`locale/th/LC_MESSAGES/django.po` is what `makemessages` makes of our sources (Django's convention:
English ids, the Thai text in the catalogue; Thai stays the default language). These tests fail when a
string in the code has no Thai entry, when an entry is fuzzy or empty, or when an id is still Thai.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "th" / "LC_MESSAGES" / "django.po"
SOURCES = ("home", "pcru_site", "policy_checks", "publication", "templates")
THAI = re.compile(r"[\u0E00-\u0E7F]")


def _problems(po: polib.POFile) -> list[str]:
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        label = f"{entry.msgid!r} ({', '.join(f for f, _ in entry.occurrences[:2])})"
        if entry.fuzzy:
            problems.append(f"fuzzy: {label}")
        elif not entry.translated():
            problems.append(f"untranslated: {label}")
        if THAI.search(entry.msgid):
            problems.append(f"Thai message id (use English, Thai in the catalogue): {label}")
    return problems


def test_committed_catalogue_has_english_ids_all_translated():
    po = polib.pofile(str(CATALOGUE))
    assert len(po) > 400
    assert _problems(po) == []


@pytest.fixture
def fresh_catalogue(tmp_path, monkeypatch) -> polib.POFile:
    """`makemessages -l th` run on a copy of the sources against the committed catalogue."""
    for name in SOURCES:
        shutil.copytree(Path(settings.BASE_DIR) / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "migrations"))
    (tmp_path / "locale" / "th" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(CATALOGUE, tmp_path / "locale" / "th" / "LC_MESSAGES" / "django.po")
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command("makemessages", locale=["th"], no_obsolete=True, verbosity=0)
    return polib.pofile(str(tmp_path / "locale" / "th" / "LC_MESSAGES" / "django.po"))


def test_every_string_in_the_code_has_a_thai_entry(fresh_catalogue):
    assert _problems(fresh_catalogue) == []
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(CATALOGUE)) if not e.obsolete}
    extracted = {(e.msgctxt, e.msgid) for e in fresh_catalogue if not e.obsolete}
    assert extracted - committed == set(), "run `make catalogue` and translate the new entries"
    assert committed - extracted == set(), "entries no longer used: run `make catalogue`"


def test_thai_is_the_default_and_english_is_available():
    assert settings.LANGUAGE_CODE == "th"
    with translation.override("th"):
        assert translation.gettext("Approve") == "อนุมัติ"
    with translation.override("en"):
        assert translation.gettext("Approve") == "Approve"

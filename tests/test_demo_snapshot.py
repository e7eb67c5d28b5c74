"""The `demo` fixture's snapshot (tests/demo_snapshot.py) gives the rows `bootstrap_demo` gives, and only where it
may: the tests that use the demo are as good as this."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, transaction
from wagtail.models import Page

from tests import demo_snapshot
from tests.conftest import run_bootstrap_demo


def _all_rows() -> dict[str, tuple]:
    return {table.name: demo_snapshot.read_rows(table) for table in demo_snapshot.tables()}


def _must_not_build():
    raise AssertionError("bootstrap_demo ran: the snapshot should have been restored")


@pytest.fixture
def fresh_snapshots(monkeypatch):
    monkeypatch.setattr(demo_snapshot, "_SNAPSHOTS", {})


@pytest.mark.django_db
def test_restore_gives_every_row_bootstrap_demo_gave(fresh_snapshots):
    start = transaction.savepoint()
    demo_snapshot.build_or_restore(run_bootstrap_demo)
    built = _all_rows()
    transaction.savepoint_rollback(start)
    assert _all_rows() != built

    demo_snapshot.build_or_restore(_must_not_build)

    assert _all_rows() == built


@pytest.mark.django_db
def test_after_a_restore_new_rows_get_new_keys(fresh_snapshots):
    from home.models import HomePage
    from publication.organisation.models import Unit
    from publication.pages.models import StandardPage

    start = transaction.savepoint()
    demo_snapshot.build_or_restore(run_bootstrap_demo)
    transaction.savepoint_rollback(start)
    # As after a flush that restarts the sequences: the restored keys must move them on.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_by_name_sql(no_style(), connection.introspection.sequence_list()):
            cursor.execute(statement)
    demo_snapshot.build_or_restore(_must_not_build)

    highest = {model: max(model.objects.values_list("pk", flat=True)) for model in (Group, Unit, Page)}
    group = Group.objects.create(name="กลุ่มทดสอบหลังกู้คืน")
    unit = Unit.objects.create(code="TSTR", name_th="หน่วยทดสอบหลังกู้คืน", kind=Unit.objects.first().kind)
    page = HomePage.objects.get().add_child(instance=StandardPage(title="หน้าทดสอบหลังกู้คืน", slug="tstr", live=False, owner_unit=unit))

    assert (group.pk > highest[Group], unit.pk > highest[Unit], page.pk > highest[Page]) == (True, True, True)


@pytest.mark.django_db
def test_a_different_start_runs_bootstrap_demo_again(fresh_snapshots):
    start = transaction.savepoint()
    demo_snapshot.build_or_restore(run_bootstrap_demo)
    transaction.savepoint_rollback(start)
    Group.objects.create(name="กลุ่มที่มีอยู่ก่อน")
    builds = []

    def build():
        builds.append(1)
        run_bootstrap_demo()

    demo_snapshot.build_or_restore(build)

    assert builds == [1]
    assert Group.objects.filter(name="กลุ่มที่มีอยู่ก่อน").exists()

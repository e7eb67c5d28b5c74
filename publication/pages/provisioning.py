"""Page permissions and news-folder workflows of a unit, granted when the unit is provisioned."""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page

from publication.moderation.provisioning import UNIT_WORKFLOW, UNIVERSITY_WORKFLOW, assign_workflow, page_workflows
from publication.organisation.models import Unit
from publication.organisation.provisioning import EDITOR_PAGE_PERMS, HEAD_PAGE_PERMS, sync_page_perms

from .models import NewsIndexPage


def university_news_index() -> NewsIndexPage | None:
    """The university's news folder (the one that aggregates every unit's news)."""
    return NewsIndexPage.objects.filter(aggregate_all_units=True).order_by("path").first()


def provision_unit_pages(unit: Unit, editors, heads) -> None:
    """The unit's section for its editors and heads; "add" on the university news folder, so they can
    write university news and edit only the items they own (P1.1)."""
    editor_pages: list[tuple[Page, Iterable[str]]] = []
    head_pages: list[tuple[Page, Iterable[str]]] = []
    if unit.section_id:
        editor_pages.append((unit.section, EDITOR_PAGE_PERMS))
        head_pages.append((unit.section, HEAD_PAGE_PERMS))
    news = university_news_index()
    if news is not None:
        editor_pages.append((news, ("add_page",)))
        head_pages.append((news, ("add_page",)))
    sync_page_perms(editors, editor_pages)
    sync_page_perms(heads, head_pages)
    provision_news_folder_workflows(unit)


def provision_news_folder_workflows(unit: Unit) -> None:
    """Each news folder in the unit's section (at any depth) is head-only only with P1.2 rights; otherwise
    the webmaster publishes (the university workflow)."""
    if not unit.section_id:
        return
    workflows = page_workflows()
    workflow = workflows[UNIT_WORKFLOW if unit.may_publish_own_news else UNIVERSITY_WORKFLOW]
    for news in NewsIndexPage.objects.descendant_of(unit.section):
        assign_workflow(news, workflow)

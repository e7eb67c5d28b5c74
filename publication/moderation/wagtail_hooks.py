"""Admin wiring of moderation: the gate's pre-checks, acknowledge-and-publish, the register, ARIT-011,
the overdue panel (`views`), the unit snippets' shared bulk delete (`snippet_views`) and the live
policy findings side panel (`findings_panel`)."""

from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks

from . import decisions, findings_panel, panels, snippet_views, views  # noqa: F401  (each registers its hooks on import)


@hooks.register("register_admin_viewset")
def register_gated_page_viewsets():
    """Our page types' edit and create views, with the live policy findings panel."""
    return findings_panel.gated_page_viewsets()


@hooks.register("insert_editor_js")
def autosave_guard_js():
    """Every page and snippet editor: buttons wait for an autosave in flight (`autosave.py` says why)."""
    return format_html('<script src="{}"></script>', static("moderation/js/autosave-guard.js"))


@hooks.register("register_admin_urls")
def register_policy_findings_urls():
    return [
        path(
            "policy-findings/pages/<int:page_id>/edit/",
            findings_panel.PageFindingsOnEditView.as_view(),
            name="policy_findings_page_edit",
        ),
        path(
            "policy-findings/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/",
            findings_panel.PageFindingsOnCreateView.as_view(),
            name="policy_findings_page_add",
        ),
    ]

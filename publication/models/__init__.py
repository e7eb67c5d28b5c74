"""Models of the publication app, split by domain and re-exported here."""

from .notifications import Notification, NotificationStatus
from .pages import (
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
    StandardPage,
    UnitIndexPage,
    UnitOwnedPage,
    UnitPage,
)
from .units import Unit, UnitKind
from .workflows import (
    ActingHead,
    ContentCheck,
    HeadOfUnitApprovalTask,
    PublicationRecord,
    WebmasterApprovalTask,
    unit_approvers,
    units_approved_by,
)

__all__ = [
    "ActingHead",
    "ContentCheck",
    "HeadOfUnitApprovalTask",
    "PublicationRecord",
    "WebmasterApprovalTask",
    "unit_approvers",
    "units_approved_by",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "Notification",
    "NotificationStatus",
    "StandardPage",
    "Unit",
    "UnitIndexPage",
    "UnitKind",
    "UnitOwnedPage",
    "UnitPage",
]

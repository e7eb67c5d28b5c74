"""Models of the publication app, split by domain and re-exported here."""

from .external import (
    AgencyNotification,
    ExternalNoticeIndexPage,
    ExternalNoticePage,
    ExternalRequest,
    ExternalRequestAttachment,
    ExternalRequestStatus,
    ExternalRequestStep,
    NotificationChannel,
)
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
from .requests import UNIT_SNIPPET_MODELS, RightsRequest, RightsScope, SocialChannel, SocialPost
from .units import Unit, UnitKind
from .workflows import (
    ActingHead,
    ContentCheck,
    HeadOfUnitApprovalTask,
    PosterReviewTask,
    PublicationRecord,
    WebmasterApprovalTask,
    unit_approvers,
    units_approved_by,
)

__all__ = [
    "AgencyNotification",
    "ExternalNoticeIndexPage",
    "ExternalNoticePage",
    "ExternalRequest",
    "ExternalRequestAttachment",
    "ExternalRequestStatus",
    "ExternalRequestStep",
    "NotificationChannel",
    "UNIT_SNIPPET_MODELS",
    "RightsRequest",
    "RightsScope",
    "SocialChannel",
    "SocialPost",
    "ActingHead",
    "ContentCheck",
    "HeadOfUnitApprovalTask",
    "PosterReviewTask",
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

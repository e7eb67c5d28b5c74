"""Signal receivers and registrations of the takedown part of upkeep, connected once from `UpkeepConfig.ready()`."""

from django.utils.translation import gettext_lazy as _


def connect() -> None:
    """Connect receivers and register rules (idempotent).

    The gate's chain rule keeps a page taken down off the site until its workflow approves it again;
    the outbox learns the label of the takedown e-mail.
    """
    from publication.moderation.gate import register_chain_rule
    from publication.outbox.kinds import register_kind_label
    from publication.upkeep.takedown import NOTIFICATION_KIND, republish_problems

    register_chain_rule(republish_problems)
    register_kind_label(NOTIFICATION_KIND, _("Urgent takedown: the unit and the webmasters informed"))

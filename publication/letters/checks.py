"""What P1.4 adds to moderation: the letter-link check on public content and letters' overdue reminders.

Imported by `LettersConfig.ready()`; `moderation` calls these through its registries.
"""

from publication.moderation.checks import register_findings_provider
from publication.moderation.reminders import register_reminder_sender

from .privacy import letter_findings
from .steps import send_letter_reminders

register_findings_provider(letter_findings)
register_reminder_sender(send_letter_reminders)

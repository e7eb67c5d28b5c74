"""Admin wiring of P1.5: the social-post snippet, marking posted, the calendar (`views`)."""

from . import views  # noqa: F401  (registers its snippet and hooks on import)
from .panels import SocialPostingPanel  # noqa: F401  (registers the dashboard panel: posts to review and post)

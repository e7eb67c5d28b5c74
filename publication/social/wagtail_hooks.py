"""Admin wiring of P1.5: the social-post snippet, marking posted, the calendar (`views`)."""

from . import views  # noqa: F401  (registers its snippet and hooks on import)

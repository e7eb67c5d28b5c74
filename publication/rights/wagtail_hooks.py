"""Admin wiring of P1.2: the rights-request snippet, revoke, ARIT-012 (`views`)."""

from . import views  # noqa: F401  (registers its snippet and hooks on import)

"""Admin wiring of moderation: the gate's pre-checks, acknowledge-and-publish, the register, ARIT-011,
the overdue panel (`views`) and the unit snippets' shared bulk delete (`snippet_views`)."""

from . import snippet_views, views  # noqa: F401  (each registers its hooks on import)

"""Admin hooks of the upkeep app: periodic review (`review_hooks`) and urgent takedown (`takedown_hooks`)."""

from publication.upkeep import review_hooks, takedown_hooks  # noqa: F401  (modules register their hooks on import)

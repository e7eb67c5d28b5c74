"""Signal receivers and registrations of the review part of upkeep, connected once from `UpkeepConfig.ready()`."""


def connect() -> None:
    """Connect receivers and register rules (idempotent)."""

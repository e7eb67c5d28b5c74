"""Signal receivers and registrations of the takedown part of upkeep, connected once from `UpkeepConfig.ready()`."""


def connect() -> None:
    """Connect receivers and register rules (idempotent)."""

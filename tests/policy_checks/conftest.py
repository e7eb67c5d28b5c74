from __future__ import annotations

import pytest

from policy_checks import engine


@pytest.fixture(autouse=True)
def _shipped_lexicon_unless_db(request):
    """Pure engine tests use the shipped term lists; only ``django_db`` tests see the
    database-backed provider that ``PolicyChecksConfig.ready()`` installs."""
    provider = engine._lexicon_provider
    if request.node.get_closest_marker("django_db") is None:
        engine.set_lexicon_provider(None)
    yield
    engine.set_lexicon_provider(provider)

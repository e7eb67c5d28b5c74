"""Quality gate on the team's labelled Thai set (see data/build_labelled.py)."""

from __future__ import annotations

from .evaluate import RULES, evaluate, load


def test_labelled_set_is_large_and_covers_every_rule():
    items = load()
    assert len(items) >= 300
    for rule in RULES:
        assert sum(rule in i["labels"] for i in items) >= 8, rule
    assert sum(i["category"] == "clean-news" for i in items) >= 100


def test_macro_f1_and_clean_news_false_positives():
    report = evaluate()
    print(report.table())  # noqa: T201
    assert report.macro_f1 >= 0.97, report.table()
    assert report.clean_fp_rate < 0.003, report.table()

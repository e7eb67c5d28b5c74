"""Quality floors on the TUNE part of the new labelled Thai set (data/build_real.py).

The floors are the engine's measured figures at the time they were set, minus a small margin
(about one item per rule), so a regression fails. Raise them when the engine gets better.

The TEST part (data/real_test.jsonl) is deliberately not read here: it is looked at once, at the
end, with ``python tests/policy_checks/evaluate.py --data tests/policy_checks/data/real_test.jsonl``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json

from .evaluate import REAL_TUNE, evaluate, load

# measured F1 on real_tune.jsonl, minus a margin
F1_FLOORS = {
    "confidential-marker": 0.91,
    "personal-data.national-id": 0.94,
    "personal-data.phone.mobile": 0.98,
    "personal-data.phone.landline": 0.96,
    "personal-data.email": 0.97,
    "personal-data.bank-account": 0.96,
    "personal-data.passport": 0.94,
    "impolite-language": 0.80,
    "disclaimer-missing": 0.93,
    "attribution-missing": 0.95,
}
MACRO_F1_FLOOR = 0.95
HELD_OUT_MACRO_F1_FLOOR = 0.94
# at most this many flagged clean items (measured count + 1)
MAX_FLAGGED = {"clean sentences": 2, "clean news sentences": 1, "clean whole pages": 1}


def _build_module():
    path = REAL_TUNE.with_name("build_real.py")
    spec = importlib.util.spec_from_file_location("build_real", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tune_part_is_current_and_split_by_hash():
    build = _build_module()
    rows = build.build()
    expected = [r for r in rows if build.split(r["id"]) == "tune"]
    assert load(REAL_TUNE) == json.loads(json.dumps(expected, ensure_ascii=False)), (
        "real_tune.jsonl is stale: run python tests/policy_checks/data/build_real.py"
    )
    for r in rows:  # the split depends on the id only
        bucket = int(hashlib.sha256(r["id"].encode()).hexdigest()[:8], 16) % 100
        assert (build.split(r["id"]) == "tune") == (bucket < build.TUNE_PERCENT)
    assert 0.5 < len(expected) / len(rows) < 0.7


def test_tune_part_covers_every_rule_and_form():
    items = load(REAL_TUNE)
    assert len(items) >= 300
    for rule in F1_FLOORS:
        assert sum(rule in i["labels"] for i in items) >= 10, rule
    categories = {i["category"] for i in items}
    for category in (
        "tweet",
        "news-sentence",
        "news-page",
        "announcement",
        "opinion",
        "opinion-disclaimed",
        "quoted-speech",
        "abstract",
        "ledger",
        "unclassified",
        "spelling-lesson",
    ):
        assert category in categories, category
    assert sum(not i["labels"] for i in items) >= 150


def test_tune_figures_meet_the_floors():
    report = evaluate(load(REAL_TUNE), source=str(REAL_TUNE))
    print(report.table())  # noqa: T201
    for rule, floor in F1_FLOORS.items():
        assert report.scores[rule].f1 >= floor, f"{rule}: F1 {report.scores[rule].f1:.3f} < {floor}\n{report.table()}"
    assert report.macro_f1 >= MACRO_F1_FLOOR, report.table()
    assert report.held_out_macro_f1 >= HELD_OUT_MACRO_F1_FLOOR, report.table()
    for name, limit in MAX_FLAGGED.items():
        assert report.fp_rates[name].flagged <= limit, f"{name}: {report.fp_rates[name]}\n{report.table()}"

"""Per-rule precision/recall/F1 of the engine on a labelled Thai set.

Run as a script for the table:

    python tests/policy_checks/evaluate.py [--data FILE.jsonl] [--errors]
    python -m tests.policy_checks.evaluate [--data FILE.jsonl] [--errors]

Without ``--data`` it reads ``data/labelled.jsonl`` (the team's old set, on which the rules were
tuned: a regression test, not a quality figure). The honest figures come from the new set built by
``data/build_real.py``: ``real_tune.jsonl`` (tune on it freely) and ``real_test.jsonl`` (look once,
at the end).

Scoring is per item: a rule counts as predicted for an item when at least one finding has that
rule code (phone numbers are scored by sub-code). The rules scored are those of :data:`RULES` that
occur in the file's labels (so the new set, which has no spelling labels, is not scored on
``spelling`` and its spelling findings are ignored); ``--rules a,b`` chooses explicitly. Besides the
macro-F1 over the scored rules, the table gives the macro-F1 over the eight rules of issue 11's
held-out evaluation (phones merged into one rule, no attribution) and false-positive rates: the
share of clean items (no label) with a finding of a scored rule, for clean sentences (every clean
item that is not a whole page), clean news sentences and clean whole pages.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from policy_checks import CheckContext, check_text  # noqa: E402

DATA_DIR = Path(__file__).with_name("data")
DATA = DATA_DIR / "labelled.jsonl"
REAL_TUNE = DATA_DIR / "real_tune.jsonl"
REAL_TEST = DATA_DIR / "real_test.jsonl"
RULES = (
    "confidential-marker",
    "personal-data.national-id",
    "personal-data.phone.mobile",
    "personal-data.phone.landline",
    "personal-data.email",
    "personal-data.bank-account",
    "personal-data.passport",
    "impolite-language",
    "disclaimer-missing",
    "attribution-missing",
    "spelling",
)
PHONE = "personal-data.phone"
HELD_OUT_RULES = (
    "confidential-marker",
    "personal-data.national-id",
    PHONE,
    "personal-data.email",
    "personal-data.bank-account",
    "personal-data.passport",
    "impolite-language",
    "disclaimer-missing",
)
PAGE_CATEGORIES = frozenset({"news-page", "opinion-page"})
NEWS_SENTENCE_CATEGORIES = frozenset({"clean-news", "news-sentence", "news-numbers"})


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: bool, gold: bool) -> None:
        if predicted and gold:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1


@dataclass
class Rate:
    items: int = 0
    flagged: int = 0

    @property
    def rate(self) -> float:
        return self.flagged / self.items if self.items else 0.0

    def __str__(self) -> str:
        return f"{self.rate:.2%} ({self.flagged}/{self.items})"


@dataclass
class Report:
    scores: dict[str, Score]
    items: int
    clean_items: int
    clean_flagged: int
    errors: list[tuple[str, str, list[str], list[str]]] = field(default_factory=list)
    held_out: dict[str, Score] = field(default_factory=dict)
    fp_rates: dict[str, Rate] = field(default_factory=dict)
    source: str = ""

    @property
    def macro_f1(self) -> float:
        return sum(s.f1 for s in self.scores.values()) / len(self.scores)

    @property
    def held_out_macro_f1(self) -> float:
        return sum(s.f1 for s in self.held_out.values()) / len(self.held_out) if self.held_out else 0.0

    @property
    def clean_fp_rate(self) -> float:
        """False-positive rate on the old set's ``clean-news`` items (kept for test_labelled)."""
        return self.clean_flagged / self.clean_items if self.clean_items else 0.0

    def table(self) -> str:
        lines = [f"{self.source}" if self.source else ""]
        lines.append(f"{'rule':32} {'gold':>4} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7} {'F1':>6}")
        for rule, s in self.scores.items():
            lines.append(f"{rule:32} {s.tp + s.fn:4d} {s.tp:4d} {s.fp:4d} {s.fn:4d} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f}")
        lines.append(f"macro-F1 {self.macro_f1:.4f} over {len(self.scores)} rules, {self.items} items")
        if self.held_out:
            phone = self.held_out.get(PHONE)
            if phone is not None:
                lines.append(
                    f"{'(phone, sub-codes merged)':32} {phone.tp + phone.fn:4d} {phone.tp:4d} {phone.fp:4d} {phone.fn:4d}"
                    f" {phone.precision:9.3f} {phone.recall:7.3f} {phone.f1:6.3f}"
                )
            lines.append(f"macro-F1 {self.held_out_macro_f1:.4f} over the {len(self.held_out)} rules of issue 11's held-out set")
        if self.clean_items:
            lines.append(f"clean-news false-positive rate {self.clean_fp_rate:.2%} ({self.clean_flagged}/{self.clean_items})")
        for name, rate in self.fp_rates.items():
            if rate.items:
                lines.append(f"false-positive rate, {name:22} {rate}")
        return "\n".join(line for line in lines if line)


def load(path: Path | str = DATA) -> list[dict]:
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def scored_rules(items: list[dict]) -> tuple[str, ...]:
    present = {label for item in items for label in item["labels"]}
    return tuple(rule for rule in RULES if rule in present)


def _merge_phone(rules: set[str]) -> set[str]:
    return {PHONE if r.startswith(PHONE + ".") else r for r in rules}


def evaluate(items: list[dict] | None = None, rules: tuple[str, ...] | None = None, source: str = "") -> Report:
    items = items if items is not None else load()
    rules = rules or scored_rules(items)
    scores = {rule: Score() for rule in rules}
    held_out = {rule: Score() for rule in HELD_OUT_RULES if any(r == rule or r.startswith(rule + ".") for r in rules)}
    fp_rates = {"clean sentences": Rate(), "clean news sentences": Rate(), "clean whole pages": Rate()}
    clean_items = clean_flagged = 0
    errors = []
    for item in items:
        findings = check_text(item["text"], CheckContext(**item.get("context", {})))
        predicted = {f.rule for f in findings} & set(rules)
        gold = set(item["labels"]) & set(rules)
        for rule in rules:
            scores[rule].add(rule in predicted, rule in gold)
        merged_p, merged_g = _merge_phone(predicted), _merge_phone(gold)
        for rule, score in held_out.items():
            score.add(rule in merged_p, rule in merged_g)
        if not gold:
            category = item["category"]
            groups = ["clean whole pages"] if category in PAGE_CATEGORIES else ["clean sentences"]
            if category in NEWS_SENTENCE_CATEGORIES:
                groups.append("clean news sentences")
            for group in groups:
                fp_rates[group].items += 1
                fp_rates[group].flagged += bool(predicted)
        if item["category"] == "clean-news":
            clean_items += 1
            clean_flagged += bool(predicted)
        if predicted != gold:
            errors.append((item["id"], item["text"], sorted(gold), sorted(predicted)))
    return Report(scores, len(items), clean_items, clean_flagged, errors, held_out, fp_rates, source)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="a labelled .jsonl file (default: data/labelled.jsonl)")
    parser.add_argument("--rules", help="comma-separated rule codes to score (default: the rules in the file's labels)")
    parser.add_argument("--errors", action="store_true", help="list every item whose predicted rules differ from its labels")
    args = parser.parse_args(argv)
    rules = tuple(r.strip() for r in args.rules.split(",") if r.strip()) if args.rules else None
    report = evaluate(load(args.data), rules, source=str(args.data))
    print(report.table())  # noqa: T201
    if args.errors:
        for item_id, text, gold, predicted in report.errors:
            print(f"\n{item_id}: gold={gold} predicted={predicted}\n  {text!r}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

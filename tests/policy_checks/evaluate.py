"""Per-rule precision/recall/F1 of the engine on the labelled Thai test set.

Run as a script for the table: ``python -m tests.policy_checks.evaluate [--errors]``.
Scoring is per item: a rule counts as predicted for an item when at least one finding
has that rule code (phone numbers are scored by sub-code).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from policy_checks import CheckContext, check_text

DATA = Path(__file__).with_name("data") / "labelled.jsonl"
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


@dataclass
class Report:
    scores: dict[str, Score]
    items: int
    clean_items: int
    clean_flagged: int
    errors: list[tuple[str, str, list[str], list[str]]] = field(default_factory=list)

    @property
    def macro_f1(self) -> float:
        return sum(s.f1 for s in self.scores.values()) / len(self.scores)

    @property
    def clean_fp_rate(self) -> float:
        return self.clean_flagged / self.clean_items if self.clean_items else 0.0

    def table(self) -> str:
        lines = [f"{'rule':32} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7} {'F1':>6}"]
        for rule, s in self.scores.items():
            lines.append(f"{rule:32} {s.tp:4d} {s.fp:4d} {s.fn:4d} {s.precision:9.3f} {s.recall:7.3f} {s.f1:6.3f}")
        lines.append(f"macro-F1 {self.macro_f1:.4f} over {len(self.scores)} rules, {self.items} items")
        lines.append(
            f"clean-news false-positive rate {self.clean_fp_rate:.2%} ({self.clean_flagged}/{self.clean_items})"
        )
        return "\n".join(lines)


def load(path: Path = DATA) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate(items: list[dict] | None = None) -> Report:
    items = items if items is not None else load()
    scores = {rule: Score() for rule in RULES}
    clean_items = clean_flagged = 0
    errors = []
    for item in items:
        findings = check_text(item["text"], CheckContext(**item.get("context", {})))
        predicted = {f.rule for f in findings}
        gold = set(item["labels"])
        for rule in RULES:
            p, g = rule in predicted, rule in gold
            if p and g:
                scores[rule].tp += 1
            elif p:
                scores[rule].fp += 1
            elif g:
                scores[rule].fn += 1
        if item["category"] == "clean-news":
            clean_items += 1
            clean_flagged += bool(findings)
        if predicted != gold:
            errors.append((item["id"], item["text"], sorted(gold), sorted(predicted)))
    return Report(scores, len(items), clean_items, clean_flagged, errors)


def main(argv: list[str]) -> int:
    report = evaluate()
    print(report.table())  # noqa: T201
    if "--errors" in argv:
        for item_id, text, gold, predicted in report.errors:
            print(f"\n{item_id}: gold={gold} predicted={predicted}\n  {text!r}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

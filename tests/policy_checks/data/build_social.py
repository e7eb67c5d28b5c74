"""Build ``social_tune.jsonl``: real Thai social posts labelled for impolite language.

Source: PyThaiNLP's *thai-sentiment-analysis-dataset* (https://github.com/PyThaiNLP/
thai-sentiment-analysis-dataset, CC BY 4.0): ``tcas61.csv`` (posts about the 2018 university
admission round, TCAS61, collected and labelled pos/neg by Wannaphong Phatthiyaphaibun) and
``general-amy.csv`` (general posts, labelled by Kochaporn Ratchatawuttimongkol). It is not
ThaiToxicityTweetCorpus or wisesight-sentiment, which are kept for the held-out evaluation.

The sentiment labels are dropped. The team labelled each post ``impolite-language`` when a
university webmaster would refuse it for its language (vulgar words, insults aimed at someone,
curses, threats, aggressive มึง/กู); the line numbers (1-based, per file) are listed below. This
is a *tune* set: the lexicon was grown while reading it, so its figures are not quality figures
(the blind set ``impolite_blind_test.jsonl``, written by someone who had not seen the lexicon,
gives those).

    python tests/policy_checks/data/build_social.py DATASET_DIR > tests/policy_checks/data/social_tune.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

IMPOLITE_LINES = {
    "tcas61.csv": {
        1,
        2,
        3,
        4,
        23,
        24,
        33,
        39,
        40,
        41,
        42,
        43,
        44,
        45,
        47,
        51,
        53,
        54,
        55,
        62,
        64,
        66,
        74,
        76,
        82,
        84,
        85,
        87,
        92,
        93,
        98,
        99,
        106,
        107,
        108,
        111,
        124,
    },
    "general-amy.csv": {1, 4, 5, 25, 32, 43, 49, 54, 64, 79, 84, 89},
}


def main(folder: str) -> None:
    for name, lines in IMPOLITE_LINES.items():
        stem = Path(name).stem.replace("-", "_")
        with (Path(folder) / name).open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                text = line.rstrip("\n").rpartition("\t")[0].strip()
                if not text:
                    continue
                item = {
                    "id": f"social-{stem}-{number:04d}",
                    "category": "social-post",
                    "text": text,
                    "context": {},
                    "labels": ["impolite-language"] if number in lines else [],
                }
                sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])

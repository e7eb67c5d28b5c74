"""List real-world spellings of impolite terms that the lexicon cannot generate safely.

Every generated dodge spelling (``policy_checks/variants.py``) that *is* a dictionary word is
dropped from the lexicon, because a dictionary word may be innocent (กรู, สาด). Some of those
dictionary words are in fact slang spellings of the insult (แมร่ง, มรึง): this script prints
them with their frequency in PyThaiNLP's Phupha word frequencies (Common Crawl, CC0) so that the
team can review them and list the slang ones in ``policy_checks/data/impolite.tsv`` by hand.

    python tests/policy_checks/data/mine_phupha.py [--min 100]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from pythainlp.corpus import phupha, thai_words  # noqa: E402

from policy_checks.lexicon import RULE_IMPOLITE, shipped_terms, term_key  # noqa: E402
from policy_checks.variants import spelling_variants  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=int, default=100, help="lowest Phupha frequency shown")
    args = parser.parse_args()
    freq = dict(phupha.word_freqs())
    words = set(thai_words())
    keys = {term_key(t.term) for t in shipped_terms() if t.rule == RULE_IMPOLITE}
    rows = []
    for key in sorted(keys):
        for variant in spelling_variants(key):
            if variant in words and variant not in keys and freq.get(variant, 0) >= args.min:
                rows.append((freq[variant], variant, key))
    for f, variant, key in sorted(rows, reverse=True):
        sys.stdout.write(f"{variant}\t{key}\t{f}\n")


if __name__ == "__main__":
    main()

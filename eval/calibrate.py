"""Count, per kind of claim, how many extracted claims match the development gold sets, and
write ``extract/data/calibration.json`` (see ``alliance_graph.extract.calibration``).

    .venv/bin/python eval/calibrate.py [--shared ../shared]

Only development sets are read (``eval/*-dev``, the examples' gold, and the shared corpus when
it is there): held-out sets (``eval/*-test``) must stay unseen by anything that is tuned.
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def development_sets(shared: Path | None) -> list[tuple[str, Path, Path]]:
    sets = [(folder.name, folder / "gold.jsonl", folder / "corpus")
            for folder in sorted((ROOT / "eval").glob("*-dev"))]
    sets.append(("examples", ROOT / "tests" / "data" / "examples_gold.jsonl", ROOT / "examples"))
    if shared is not None and (shared / "gold" / "corpus.jsonl").is_file():
        sets.append(("shared", shared / "gold" / "corpus.jsonl", shared / "corpus"))
    return sets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared development corpus (skipped when absent)")
    args = parser.parse_args()

    from alliance_graph.extract import extract_claims, load_pipeline
    from alliance_graph.extract.calibration import bucket_key
    from alliance_graph.extract.evaluate import _as_prediction, load_gold, score
    from alliance_graph.extract.readers import iter_documents

    nlp = load_pipeline()
    buckets: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    used = []
    for name, gold_path, corpus in development_sets(args.shared):
        gold = load_gold(gold_path)
        claims = [claim for _, found in extract_claims(nlp, list(iter_documents([corpus])))
                  for claim in found if claim.modality != "negated"]
        right = {prediction.key for prediction, _ in score(claims, gold).matches}
        seen: set[tuple[str, str, str, str]] = set()
        for claim in claims:  # one count per distinct claim, as the scorer counts them
            key = _as_prediction(claim).key
            if key in seen:
                continue
            seen.add(key)
            counts = buckets[bucket_key(claim.relation, claim.subject_type, claim.object_type)]
            counts[0] += key in right
            counts[1] += 1
        used.append(name)
    target = ROOT / "extract" / "data" / "calibration.json"
    header = {
        "about": "matched and predicted claims per relation|subject type|object type on the "
                 "development gold; written by eval/calibrate.py",
        "generated": date.today().isoformat(), "sets": used,
    }
    lines = [f" {json.dumps(key)}: {json.dumps(value)}," for key, value in header.items()]
    rows = [f"  {json.dumps(key)}: {json.dumps(buckets[key])}" for key in sorted(buckets)]
    target.write_text("{\n" + "\n".join(lines) + '\n "buckets": {\n' + ",\n".join(rows) + "\n }\n}\n",
                      encoding="utf-8")
    total = [sum(c[0] for c in buckets.values()), sum(c[1] for c in buckets.values())]
    print(f"wrote {target}: {len(buckets)} kinds of claim, {total[0]}/{total[1]} right, sets: {', '.join(used)}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Variants of a corpus for scale tests, as NDJSON on standard output.

    corpus.py ARTICLES.jsonl FIRST LAST

Copy k (FIRST <= k < LAST) of every input article gets its own URL and a publication
date spread over ten years (2016-2025), chosen from (k, article) so that re-runs give
the same stream and `whosaid ingest` stores nothing twice. Text and outlet are kept:
the copies are the wire-copy case, reported again and again.
"""
import datetime, hashlib, json, sys

START = datetime.date(2016, 1, 1)
DAYS = 3653


def main():
    path, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(path, encoding="utf-8") as f:
        articles = [json.loads(line) for line in f if line.strip()]
    out = sys.stdout
    for k in range(first, last):
        for a in articles:
            key = hashlib.blake2b(f"{k}/{a['id']}".encode(), digest_size=8).digest()
            day = START + datetime.timedelta(days=int.from_bytes(key, "big") % DAYS)
            row = {"text": a["text"], "url": f"https://scale.whosaid.test/{k}/{a['id']}",
                   "published_at": day.isoformat()}
            if a.get("source"):
                row["source"] = a["source"]
            out.write(json.dumps(row, ensure_ascii=False))
            out.write("\n")


if __name__ == "__main__":
    main()

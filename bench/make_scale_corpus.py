#!/usr/bin/env python3
"""Synthetic scaling of real text: N JSON Lines records cut from the
Cleveland City Record (paragraph-aligned chunks of about 1.5 KB, the size
of an average Limerick agenda item), repeated as
often as needed with the dates shifted by whole years and the council and
committee names varied per repetition, so that a 1M-item database has the
vocabulary, lengths and date spread of real council text.

  make_scale_corpus.py CLEVELAND_DIR N OUT.jsonl"""
import json
import os
import sys

COUNCILS = ["City of Cleveland", "Borough of Lakewood", "City of Parma", "County of Cuyahoga", "City of Euclid",
            "City of Akron", "City of Toledo", "City of Dayton"]
COMMITTEES = ["City Council", "Finance Committee", "Safety Committee", "Public Works Committee",
              "Health and Human Services Committee", "Planning Commission"]


def chunks(root):
    manifest = {}
    with open(os.path.join(root, "manifest.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            manifest[r["path"]] = r
    for path in sorted(manifest):
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
            text = f.read()
        piece = []
        size = 0
        for para in text.split("\n\n"):
            piece.append(para)
            size += len(para)
            if size >= 1500:
                text = "\n\n".join(piece).strip()
                if text:
                    yield manifest[path]["date"], text
                piece, size = [], 0
        if "".join(piece).strip():
            yield manifest[path]["date"], "\n\n".join(piece).strip()


def main():
    root, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    base = list(chunks(root))
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            rep, k = divmod(i, len(base))
            date, text = base[k]
            year = int(date[:4]) - 24 * (rep % 2) + rep // 2  # spread repetitions over the years around
            f.write(json.dumps({
                "id": f"scale-{i}", "council": COUNCILS[rep % len(COUNCILS)],
                "committee": COMMITTEES[(k + rep) % len(COMMITTEES)],
                "date": f"{year:04d}{date[4:]}" if not date[5:] == "02-29" else f"{year:04d}-02-28",
                "title": f"Record {i}", "type": "minutes", "text": text}) + "\n")
    print(f"{n} records from {len(base)} chunks of real text")


if __name__ == "__main__":
    main()

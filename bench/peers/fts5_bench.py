#!/usr/bin/env python3
"""SQLite FTS5 (porter tokenizer, bm25) on the benchmark corpus and queries:
index time, search top 10 (and with snippets), and a monthly trend of one
query (GROUP BY over the matches). Prints one JSON object."""
import argparse
import json
import os
import re
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from corpus import documents, percentile, queries  # noqa: E402

BAREWORD = re.compile(r'^[A-Za-z0-9_\u0080-\uffff]+$')


def fts5_query(q):
    """The neutral syntax in FTS5's: barewords with punctuation quoted."""
    out = []
    for token in re.findall(r'"[^"]*"|\(|\)|[^\s()"]+', q):
        if token in ("AND", "OR", "NOT", "(", ")") or token.startswith('"') or BAREWORD.match(token):
            out.append(token)
        else:
            out.append('"' + token.replace('"', '') + '"')
    return " ".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--trend-query", default="council")
    args = ap.parse_args()
    if os.path.exists(args.db):
        os.remove(args.db)
    con = sqlite3.connect(args.db)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("CREATE TABLE meta(id INTEGER PRIMARY KEY, name TEXT, month TEXT)")
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(body, tokenize='porter unicode61')")
    start = time.perf_counter()
    cpu = time.process_time()
    nbytes = n = 0
    with con:
        for i, (name, date, text) in enumerate(documents(args.corpus), 1):
            con.execute("INSERT INTO docs(rowid, body) VALUES (?, ?)", (i, text))
            con.execute("INSERT INTO meta VALUES (?, ?, ?)", (i, name, date[:7]))
            nbytes += len(text.encode("utf-8"))
            n = i
    con.execute("INSERT INTO docs(docs) VALUES('optimize')")
    con.commit()
    index_s = time.perf_counter() - start
    index_cpu = time.process_time() - cpu

    qs = [fts5_query(q) for q in queries(args.queries)]
    plain, snip, failed = [], [], 0
    for rounds, sql, out in ((2, "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10", plain),
                             (1, "SELECT rowid, snippet(docs, 0, '<b>', '</b>', '...', 30) FROM docs WHERE docs MATCH ? "
                                 "ORDER BY rank LIMIT 10", snip)):
        for r in range(rounds + 1):
            for q in qs:
                t = time.perf_counter()
                try:
                    con.execute(sql, (q,)).fetchall()
                except sqlite3.OperationalError:
                    failed += 1
                    continue
                if r > 0:  # the first round warms the cache
                    out.append((time.perf_counter() - t) * 1000)
    trend = []
    for r in range(6):
        t = time.perf_counter()
        con.execute("SELECT m.month, count(*) FROM docs JOIN meta m ON m.id = docs.rowid WHERE docs MATCH ? "
                    "GROUP BY m.month", (fts5_query(args.trend_query),)).fetchall()
        if r > 0:
            trend.append((time.perf_counter() - t) * 1000)
    matches = con.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (fts5_query(args.trend_query),)).fetchone()[0]
    con.close()
    print(json.dumps({
        "engine": "sqlite-fts5", "documents": n, "mb": round(nbytes / 1e6, 1),
        "index_s": round(index_s, 2), "index_cpu_s": round(index_cpu, 2), "mb_per_s": round(nbytes / 1e6 / index_s, 2),
        "db_mb": round(os.path.getsize(args.db) / 1e6, 1),
        "search_p50_ms": round(percentile(plain, .5), 3), "search_p99_ms": round(percentile(plain, .99), 3),
        "snippets_p50_ms": round(percentile(snip, .5), 3), "snippets_p99_ms": round(percentile(snip, .99), 3),
        "trend_query": args.trend_query, "trend_matches": matches, "trend_ms": round(percentile(trend, .5), 3),
        "failed_queries": failed // 5}))


if __name__ == "__main__":
    main()

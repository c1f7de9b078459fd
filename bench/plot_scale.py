#!/usr/bin/env python3
"""Plots how indexing time, database size, searchd memory and query latency
grow with the synthetic scale corpora (scale-10000, scale-100000, ...) of a
bench/run.sh results.jsonl, as PNGs drawn by gnuplot.

  plot_scale.py RESULTS.jsonl OUT_DIR"""
import json
import os
import subprocess
import sys
from collections import defaultdict


def main():
    results, out_dir = sys.argv[1], sys.argv[2]
    sizes = defaultdict(dict)
    for line in open(results):
        r = json.loads(line)
        if not r["corpus"].startswith("scale-") or r.get("engine") != "councilsearch":
            continue
        row = sizes[int(r["corpus"].split("-")[1])]
        if r["step"] == "index":
            row.update(items=r["items"], index_s=r["wall_s"], db_mb=r["compact_mb"], index_rss=r["peak_rss_mb"])
        elif r["step"] == "query" and r["mode"] in ("search", "trend-query"):
            row[r["mode"] + "_p50"] = r["p50_ms"]
            row[r["mode"] + "_p99"] = r["p99_ms"]
        elif r["step"] == "searchd":
            row["searchd_rss"] = r["rss_mb"]
    if len(sizes) < 2:
        sys.exit("plot_scale.py: fewer than two scale runs in " + results)
    os.makedirs(out_dir, exist_ok=True)
    columns = ["items", "index_s", "db_mb", "index_rss", "searchd_rss", "search_p50", "search_p99",
               "trend-query_p50", "trend-query_p99"]
    data = os.path.join(out_dir, "scaling.dat")
    with open(data, "w") as f:
        f.write("# " + " ".join(columns) + "\n")
        for n in sorted(sizes):
            f.write(" ".join(str(sizes[n].get(c, "NaN")) for c in columns) + "\n")
    plots = [
        ("scaling-index.png", "Indexing", "seconds / MB", [(2, "index wall s"), (3, "compacted DB MB"),
                                                           (4, "indexer peak RSS MB"), (5, "searchd RSS MB")]),
        ("scaling-query.png", "Query latency (in-process)", "ms", [(6, "search p50"), (7, "search p99"),
                                                                   (8, "trend p50"), (9, "trend p99")]),
    ]
    for png, title, ylabel, series in plots:
        lines = ", ".join(f"'{data}' using 1:{col} with linespoints title '{name}'" for col, name in series)
        script = (f"set terminal pngcairo size 800,500 noenhanced\nset output '{os.path.join(out_dir, png)}'\n"
                  f"set title '{title} vs items (synthetic scaling of the Cleveland City Record)'\n"
                  "set logscale xy\nset xlabel 'items'\n"
                  f"set ylabel '{ylabel}'\nset key left top\nset grid\nplot {lines}\n")
        subprocess.run(["gnuplot"], input=script, text=True, check=True)
    print(f"wrote {data} and " + ", ".join(p[0] for p in plots))


if __name__ == "__main__":
    main()

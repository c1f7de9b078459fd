#!/usr/bin/env python3
"""Turns bench/run.sh's results.jsonl into Markdown tables, with ratios pair
by pair (ours / peer) from the same run."""
import json
import sys
from collections import defaultdict


def main():
    rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    by = defaultdict(dict)
    for r in rows:
        engine = r.get("engine", "")
        key = (engine, r.get("step"), r.get("mode"), r.get("connections"))
        by[r["corpus"]][key] = r
    for corpus, results in by.items():
        ours = results.get(("councilsearch", "index", None, None), {})
        print(f"\n### {corpus}\n")
        print(f"{ours.get('papers', '?')} papers, {ours.get('items', '?')} items, {ours.get('mb', '?')} MB of text\n")
        print("| engine | index s | CPU s | MB/s | peak RSS MB | DB MB | compacted MB | search p50 ms | p99 ms | with snippets p50 ms | p99 ms | trend ms |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        q = {r["mode"]: r for k, r in results.items() if k[0] == "councilsearch" and k[1] == "query"}
        search = q.get("search", {})
        trend = q.get("trend-query", {})
        print(f"| councilsearch (items, all analysis) | {ours.get('wall_s')} | {ours.get('cpu_s')} | {ours.get('mb_per_s')} | "
              f"{ours.get('peak_rss_mb')} | {ours.get('db_mb')} | {ours.get('compact_mb')} | — | — | "
              f"{search.get('p50_ms', '')} | {search.get('p99_ms', '')} | {trend.get('p50_ms', '')} |")
        omindex = results.get(("omindex", "index", None, None), {})
        plain = results.get(("xapian-omindex", "query", None, None), {})
        if omindex:
            print(f"| Xapian omindex | {omindex.get('wall_s')} | {omindex.get('cpu_s')} | {omindex.get('mb_per_s')} | "
              f"{omindex.get('peak_rss_mb')} | {omindex.get('db_mb')} | {omindex.get('compact_mb')} | "
              f"{plain.get('search_p50_ms')} | {plain.get('search_p99_ms')} | {plain.get('snippets_p50_ms')} | "
              f"{plain.get('snippets_p99_ms')} | |")
        for name in ("sqlite-fts5", "lucene-8"):
            p = results.get((name, "all", None, None), {})
            if not p:
                continue
            print(f"| {name} | {p.get('index_s')} | {p.get('index_cpu_s', '')} | {p.get('mb_per_s')} | | {p.get('db_mb')} | | "
                  f"{p.get('search_p50_ms')} | {p.get('search_p99_ms')} | {p.get('snippets_p50_ms')} | "
                  f"{p.get('snippets_p99_ms')} | {p.get('trend_ms')} |")
        lucene = results.get(("lucene-8", "all", None, None), {})
        spy = q.get("spy", {})
        print("\nRatios (ours ÷ peer; for speeds above 1 is better, for times below 1 is better):\n")
        if omindex.get("mb_per_s"):
            rounds = ""
            if len(ours.get("walls_s", [])) > 1:
                walls = lambda r: ", ".join(f"{w:g}" for w in r.get("walls_s", []))
                rounds = f"; the faster of alternated rounds, ours {walls(ours)} s, omindex {walls(omindex)} s"
            print(f"- indexing MB/s ÷ omindex: {ours['mb_per_s'] / omindex['mb_per_s']:.2f} (target ≥ 1.5){rounds}")
        for name in ("lucene-8", "sqlite-fts5"):
            p = results.get((name, "all", None, None), {})
            if p.get("mb_per_s"):
                print(f"- indexing MB/s ÷ {name}: {ours['mb_per_s'] / p['mb_per_s']:.2f}")
        if lucene and search:
            print(f"- search with facets and snippets p50 ÷ Lucene with highlighting p50: {search['p50_ms'] / lucene['snippets_p50_ms']:.2f} (target ≤ 1)")
            print(f"- search p99 ÷ Lucene with highlighting p99: {search['p99_ms'] / lucene['snippets_p99_ms']:.2f}; ÷ Lucene search p99: {search['p99_ms'] / lucene['search_p99_ms']:.2f} (target ≤ 1)")
        if lucene and trend:
            print(f"- one-query monthly trend ÷ Lucene facet count: {trend['p50_ms'] / lucene['trend_ms']:.2f} (target ≤ 1)")
        if trend and spy:
            floor = ""
            if q.get("postings"):
                # A trend read through Xapian's API cannot beat walking its
                # posting list, so this is about what the line above can reach
                # (timed seconds apart, so drift can put either side higher).
                floor = (f"; the spy ÷ the bare walk of the posting list (about the most any trend through "
                         f"Xapian's API can reach): {spy['p50_ms'] / q['postings']['p50_ms']:.1f}×")
            print(f"- ValueCountMatchSpy ÷ our trend: {spy['p50_ms'] / trend['p50_ms']:.1f}× (target ≥ 10){floor}")
        if q.get("trend1-kept"):
            k = q["trend1-kept"]
            print(f"- one-query monthly trend with matches kept between queries (searchd's default): p50 {k['p50_ms']} ms, "
                  f"p99 {k['p99_ms']} ms, mean {k['mean_ms']} ms; the figures above evaluate every query afresh")
        if q.get("search-kept"):
            k = q["search-kept"]
            print(f"- search with matches and hits kept between queries (searchd's default): p50 {k['p50_ms']} ms, "
                  f"p99 {k['p99_ms']} ms, mean {k['mean_ms']} ms")
        if q.get("trend6") and q.get("trend1"):
            # p50 of six-query sums sits near six means, not six medians, so
            # the ratio of means is given beside the ratio of p50s.
            print(f"- 6 series ÷ 1 series: {q['trend6']['p50_ms'] / q['trend1']['p50_ms']:.1f} (target ≤ 3); "
                  f"on means {q['trend6']['mean_ms'] / q['trend1']['mean_ms']:.1f}")
        if omindex.get("compact_mb"):
            print(f"- compacted database ÷ omindex's: {ours['compact_mb'] / omindex['compact_mb']:.2f} (target ≤ 1.5)")
        http = sorted((k, r) for k, r in results.items() if k[1] == "http")
        if http:
            print("\n| over HTTP | connections | requests/s | p50 ms | p99 ms | p99.9 ms | errors | non-2xx |")
            print("|---|---|---|---|---|---|---|---|")
            for k, r in http:
                print(f"| {k[2]} | {k[3]} | {r['rps']} | {r['p50_ms']} | {r['p99_ms']} | {r['p999_ms']} | {r['errors']} | {r['non_2xx']} |")
        own = q.get("search-filtered")
        if own:
            print(f"\nOur own queries with filters, themes and money ranges ({own['queries']}, no peer has them): "
                  f"search p50 {own['p50_ms']} ms, p99 {own['p99_ms']} ms, max {own['max_ms']} ms")
        dated = (q.get("search-dated"), q.get("trend-dated"))
        if all(dated):
            print(f"Words with date ranges ({dated[0]['queries']} queries, bench/queries/dated.txt): "
                  f"search mean {dated[0]['mean_ms']} ms, monthly trend mean {dated[1]['mean_ms']} ms")
        rss = results.get(("councilsearch", "searchd", None, None))
        if rss:
            print(f"\nsearchd resident memory after the load: {rss['rss_mb']} MB")


if __name__ == "__main__":
    main()

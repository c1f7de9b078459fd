// Lucene 8 (Debian's liblucene8-java) on the benchmark corpus and queries:
// EnglishAnalyzer, default AND, BM25; index time, search top 10, with
// UnifiedHighlighter snippets, and a monthly trend of one query counted by a
// collector over a doc-values field (Lucene's facet-count path). Prints one
// JSON object. Input: the stream bench/peers/corpus.py writes.
//
//   java -cp ... LuceneBench STREAM QUERIES INDEX_DIR TREND_QUERY
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.*;
import org.apache.lucene.index.*;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.*;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;

public class LuceneBench {
  static double pct(List<Double> v, double q) {
    List<Double> s = new ArrayList<>(v);
    Collections.sort(s);
    return s.get(Math.min(s.size() - 1, (int) (q * s.size())));
  }

  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1 && c != '\n') b.write(c);
    if (c == -1 && b.size() == 0) return null;
    return b.toString(StandardCharsets.UTF_8);
  }

  public static void main(String[] a) throws Exception {
    Path dir = Paths.get(a[2]);
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Analyzer analyzer = new EnglishAnalyzer();
    IndexWriterConfig cfg = new IndexWriterConfig(analyzer);
    cfg.setRAMBufferSizeMB(256);
    long start = System.nanoTime();
    long bytes = 0;
    int n = 0;
    try (IndexWriter w = new IndexWriter(FSDirectory.open(dir), cfg);
         InputStream in = new BufferedInputStream(new FileInputStream(a[0]), 1 << 20)) {
      FieldType body = new FieldType(TextField.TYPE_STORED);
      body.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
      body.freeze();
      for (String head; (head = readLine(in)) != null;) {
        String[] h = head.split("\t", -1);
        int len = Integer.parseInt(h[2]);
        byte[] data = in.readNBytes(len);
        Document d = new Document();
        d.add(new StringField("id", h[0], Field.Store.YES));
        d.add(new Field("body", new String(data, StandardCharsets.UTF_8), body));
        int month = h[1].length() >= 7 ? Integer.parseInt(h[1].substring(0, 4) + h[1].substring(5, 7)) : 0;
        d.add(new NumericDocValuesField("month", month));
        w.addDocument(d);
        bytes += len;
        n++;
      }
      w.forceMerge(1);
    }
    double indexS = (System.nanoTime() - start) / 1e9;
    long size = 0;
    try (var walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) if (Files.isRegularFile(p)) size += Files.size(p);
    }

    List<String> queries = new ArrayList<>();
    for (String line : Files.readAllLines(Paths.get(a[1]))) {
      String t = line.trim();
      if (!t.isEmpty() && !t.startsWith("#")) queries.add(t);
    }
    DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir));
    IndexSearcher searcher = new IndexSearcher(reader);
    UnifiedHighlighter highlighter = new UnifiedHighlighter(searcher, analyzer);
    QueryParser parser = new QueryParser("body", analyzer);
    parser.setDefaultOperator(QueryParser.Operator.AND);
    List<Query> parsed = new ArrayList<>();
    int failed = 0;
    for (String q : queries) {
      try {
        parsed.add(parser.parse(q));
      } catch (Exception e) {
        failed++;
      }
    }
    List<Double> plain = new ArrayList<>(), snip = new ArrayList<>();
    for (int round = 0; round < 4; round++) {
      for (Query q : parsed) {
        long t = System.nanoTime();
        TopDocs top = searcher.search(q, 10);
        double searchMs = (System.nanoTime() - t) / 1e6;
        highlighter.highlight("body", q, top);
        double withMs = (System.nanoTime() - t) / 1e6;
        if (round > 0) {  // the first round warms the JIT and caches
          plain.add(searchMs);
          snip.add(withMs);
        }
      }
    }
    Query trendQuery = parser.parse(a[3]);
    List<Double> trend = new ArrayList<>();
    int matches = 0;
    for (int round = 0; round < 21; round++) {
      final Map<Long, Integer> counts = new HashMap<>();
      long t = System.nanoTime();
      searcher.search(trendQuery, new SimpleCollector() {
        NumericDocValues months;
        @Override protected void doSetNextReader(LeafReaderContext ctx) throws IOException {
          months = DocValues.getNumeric(ctx.reader(), "month");
        }
        @Override public void collect(int doc) throws IOException {
          long m = months.advanceExact(doc) ? months.longValue() : 0;
          counts.merge(m, 1, Integer::sum);
        }
        @Override public ScoreMode scoreMode() { return ScoreMode.COMPLETE_NO_SCORES; }
      });
      if (round > 0) trend.add((System.nanoTime() - t) / 1e6);
      matches = counts.values().stream().mapToInt(Integer::intValue).sum();
    }
    System.out.printf(Locale.ROOT,
        "{\"engine\": \"lucene-8\", \"documents\": %d, \"mb\": %.1f, \"index_s\": %.2f, \"mb_per_s\": %.2f, \"db_mb\": %.1f, "
            + "\"search_p50_ms\": %.3f, \"search_p99_ms\": %.3f, \"snippets_p50_ms\": %.3f, \"snippets_p99_ms\": %.3f, "
            + "\"trend_query\": \"%s\", \"trend_matches\": %d, \"trend_ms\": %.3f, \"failed_queries\": %d}%n",
        n, bytes / 1e6, indexS, bytes / 1e6 / indexS, size / 1e6, pct(plain, .5), pct(plain, .99), pct(snip, .5),
        pct(snip, .99), a[3], matches, pct(trend, .5), failed);
  }
}

// Browser tests of the web page: Debian's chromium driven by playwright-core,
// against the real councilsearch-searchd over the seed papers and the
// Limerick corpus, and against a static export on a plain file server.
// Run by ctest (tests/CMakeLists.txt), which passes the paths below.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { gzipSync } from "node:zlib";

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (ctest sets it)`);
  return v;
};
const INDEXER = env("COUNCILSEARCH_INDEX_BINARY");
const SEARCHD = env("COUNCILSEARCH_SEARCHD_BINARY");
const CORPUS = env("COUNCILSEARCH_SHARED_CORPUS_DIR");
const WORK = env("COUNCILSEARCH_TEST_WORK_DIR");
const SHOTS = env("COUNCILSEARCH_SCREENSHOT_DIR");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
// playwright-core is web/'s dev dependency (web/package-lock.json).
const { chromium } = await import(join(env("COUNCILSEARCH_WEB_DIR"), "node_modules", "playwright-core", "index.mjs"));

let searchd, base, browser, staticServer, staticBase;
const DB = join(WORK, "web-test.db");

function run(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

async function api(path) {
  const res = await fetch(new URL(path, base));
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return res;
}

async function newPage(width = 1280) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  return page;
}

// Serves a folder over HTTP, as any static web host would.
function serveFolder(root) {
  const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json" };
  return createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(root, path.endsWith("/") ? path + "index.html" : path);
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": types[extname(file)] || "application/octet-stream" }).end(readFileSync(file));
  });
}

before(async () => {
  mkdirSync(WORK, { recursive: true });
  mkdirSync(SHOTS, { recursive: true });
  // Incremental: a second run re-reads nothing that has not changed. A new
  // indexer build may write another format: start afresh then.
  const stamp = join(WORK, "web-test.stamp");
  const built = String(statSync(INDEXER).mtimeMs);
  if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== built) {
    rmSync(DB, { recursive: true, force: true });
    writeFileSync(stamp, built);
  }
  run(INDEXER, ["index", join(CORPUS, "seeds"), "--db", DB]);
  run(INDEXER, ["index", join(CORPUS, "limerick"), "--db", DB]);
  const portFile = join(WORK, "web-test.port");
  rmSync(portFile, { force: true });
  searchd = spawn(SEARCHD, ["--db", DB, "--listen", "127.0.0.1:0", "--port-file", portFile, "--access-log", "none"],
    { stdio: ["ignore", "ignore", "inherit"] });
  for (let i = 0; i < 300 && !existsSync(portFile); i++) await sleep(50);
  base = `http://127.0.0.1:${readFileSync(portFile, "utf8").trim()}/`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });

  const exported = join(WORK, "web-static");
  rmSync(exported, { recursive: true, force: true });
  const queries = join(WORK, "web-static-queries.txt");
  writeFileSync(queries, "early help\nchildren in care\nplanning\nhousing\n");
  run(INDEXER, ["export-trends", "--db", DB, "--out", exported, "--queries", queries, "--themes", "early-help,family-hubs"]);
  staticServer = serveFolder(exported);
  await new Promise((resolve) => staticServer.listen(0, "127.0.0.1", resolve));
  staticBase = `http://127.0.0.1:${staticServer.address().port}/`;
});

after(async () => {
  await browser?.close();
  searchd?.kill("SIGTERM");
  staticServer?.close();
});

describe("search", () => {
  test("a search shows highlighted results and its facets filter to their counts", async () => {
    const page = await newPage();
    await page.goto(base);
    await page.fill("#q", "early help");
    await page.press("#q", "Enter");
    await page.waitForFunction(() => document.querySelector("#results-heading")?.textContent.includes("early help"));
    await page.waitForSelector("ol.hits li");
    const marks = await page.locator("ol.hits mark").allTextContents();
    assert.ok(marks.length > 0, "matches are marked");
    // Stems count: "helping" is marked for "help".
    assert.ok(marks.every((m) => /^(early|help(s|ed|ing)?)$/i.test(m)), `marked: ${marks.join(", ")}`);
    assert.equal(new URL(page.url()).searchParams.get("q"), "early help");
    await page.screenshot({ path: join(SHOTS, "search-desktop.png") });

    // The first committee facet: its count is the number of results after the click.
    const facet = page.locator("#facet-committee + ul button.facet").first();
    const name = await facet.locator(".facet-name").textContent();
    const count = Number((await facet.locator(".count").textContent()).replace(/,/g, ""));
    await facet.click();
    await page.waitForFunction((n) => new URL(location.href).searchParams.get("committee") === n, name);
    await page.waitForSelector("ul.chips button.chip");
    const status = await page.locator("#status").textContent();
    assert.match(status, new RegExp(`^${count.toLocaleString("en-GB")} item`), status);
    const api_total = (await (await api(`api/v1/search?q=early+help&committee=${encodeURIComponent(name)}`)).json()).total;
    assert.equal(api_total, count);
    assert.equal(await page.locator("ul.chips button.chip").count(), 1, "the filter shows as a removable chip");
    for (const meta of await page.locator("ol.hits .meta").allTextContents()) assert.ok(meta.includes(name), meta);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("a result opens its paper at the matched item, terms marked", async () => {
    const page = await newPage();
    await page.goto(`${base}?q=${encodeURIComponent('"family hubs"')}`);
    const first = page.locator(".hit-title a").first();
    const title = await first.textContent();
    await first.click();
    await page.waitForSelector(".item.matched");
    assert.equal(await page.locator("#paper-title").textContent(), title);
    const matched = page.locator(".item.matched");
    assert.ok(await matched.locator("mark").count() > 0, "the matched item has its terms marked");
    const box = await matched.boundingBox();
    assert.ok(box.y < 900 && box.y + box.height > 0, "the matched item is in view");
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains("matched")), true);
    assert.ok(await page.locator("aside.similar li").count() > 0, "similar papers are listed");
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("a shared URL reopens the same state", async () => {
    const url = `${base}?q=planning&council=${encodeURIComponent("Limerick City and County Council")}&sort=newest&group=paper&offset=20`;
    const page = await newPage();
    await page.goto(url);
    await page.waitForSelector("ol.hits li");
    const firstVisit = await page.locator(".hit-title").allTextContents();
    assert.equal(await page.inputValue("#q"), "planning");
    assert.equal(await page.inputValue("#sort"), "newest");
    assert.equal(await page.isChecked("#group"), true);
    assert.match(await page.locator(".pager [aria-current]").textContent(), /^Page 2 of/);
    await page.reload();
    await page.waitForSelector("ol.hits li");
    assert.deepEqual(await page.locator(".hit-title").allTextContents(), firstVisit);
    const expected = (await (await api(`api/v1/search${new URL(url).search}&limit=20`)).json()).hits.map((h) => h.title);
    assert.deepEqual(firstVisit, expected);
    await page.close();
  });

  test("the search works from the keyboard alone", async () => {
    const page = await newPage();
    await page.goto(base);
    const focusOn = async (predicate, limit = 120) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press("Tab");
        if (await page.evaluate(predicate)) return;
      }
      throw new Error("never reached by Tab");
    };
    await focusOn(() => document.activeElement.id === "q");
    await page.keyboard.type("children in care");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("#results-heading")?.textContent.includes("children in care"));
    await page.waitForSelector("ol.hits li");
    // A facet, with Enter.
    await focusOn(() => document.activeElement.classList.contains("facet"));
    await page.keyboard.press("Enter");
    await page.waitForSelector("ul.chips button.chip");
    // Then a result, with Enter, opens the paper.
    await focusOn(() => document.activeElement.matches(".hit-title a"));
    await page.keyboard.press("Enter");
    await page.waitForSelector(".item.matched");
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("the first view weighs at most 300 KB compressed", async () => {
    const page = await newPage();
    const sizes = [];
    page.on("response", async (res) => {
      if (res.url().startsWith(base) && !res.url().includes("/api/")) {
        try { sizes.push([res.url(), gzipSync(await res.body()).length]); } catch { /* redirects */ }
      }
    });
    await page.goto(`${base}?q=early+help`);
    await page.waitForSelector("ol.hits li");
    await page.waitForLoadState("networkidle");
    const total = sizes.reduce((n, [, s]) => n + s, 0);
    console.log(`first view: ${sizes.length} files, ${(total / 1024).toFixed(1)} KB gzip`);
    assert.ok(total <= 300 * 1024, `${total} bytes`);
    await page.close();
  });

  test("phone width: the search reads at 375 px without sideways scrolling", async () => {
    const page = await newPage(375);
    await page.goto(`${base}?q=early+help`);
    await page.waitForSelector("ol.hits li");
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), true);
    await page.screenshot({ path: join(SHOTS, "search-phone.png") });
    await page.close();
  });
});

// The chart's datasets, as drawn.
const chartData = (page) => page.evaluate(() => {
  const chart = document.querySelector("figure.chart canvas").chart;
  return { labels: chart.data.labels, datasets: chart.data.datasets.map((d) => ({ label: d.label, data: d.data })) };
});

describe("trends", () => {
  test("early help and children in care by year: chart and table show the API's numbers, CSV matches", async () => {
    const page = await newPage();
    await page.goto(`${base}?view=trends`);
    // The form starts with these two series; show them per year.
    await page.selectOption("select[name=interval]", "year");
    await page.click("button:has-text('Show trends')");
    await page.waitForSelector("figure.chart canvas");
    const params = "q=early+help&q=children+in+care&interval=year";
    const expected = await (await api(`api/v1/trends?${params}`)).json();
    const drawn = await chartData(page);
    assert.deepEqual(drawn.labels, expected.buckets);
    assert.deepEqual(drawn.datasets.map((d) => d.label), ["early help", "children in care"]);
    drawn.datasets.forEach((d, i) => assert.deepEqual(d.data, expected.series[i].counts));
    const rows = await page.locator("table.numbers tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    assert.equal(rows.length, expected.buckets.length);
    rows.forEach((row, b) => {
      assert.equal(row[0], expected.buckets[b]);
      expected.series.forEach((s, i) => assert.equal(Number(row[i + 1].replace(/,/g, "")), s.counts[b]));
    });
    await page.screenshot({ path: join(SHOTS, "trends-desktop.png") });

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("button:has-text('Download CSV')")]);
    const csv = readFileSync(await download.path(), "utf8");
    assert.equal(csv, await (await api(`api/v1/trends.csv?${params}`)).text());

    // A click on a point opens the search for that year.
    const box = await page.locator("figure.chart canvas").boundingBox();
    const target = await page.evaluate(() => {
      const chart = document.querySelector("figure.chart canvas").chart;
      const meta = chart.getDatasetMeta(0);
      let best = 0;
      meta.data.forEach((p, i) => { if (chart.data.datasets[0].data[i] > chart.data.datasets[0].data[best]) best = i; });
      return { x: meta.data[best].x, y: meta.data[best].y, year: chart.data.labels[best] };
    });
    await page.mouse.click(box.x + target.x, box.y + target.y);
    await page.waitForSelector("ol.hits li");
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("q"), "early help");
    assert.equal(url.searchParams.get("from"), target.year);
    assert.equal(url.searchParams.get("to"), target.year);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("planning and housing by quarter on Limerick, as shares", async () => {
    const council = "Limerick City and County Council";
    const params = new URLSearchParams([["view", "trends"], ["q", "planning"], ["q", "housing"], ["interval", "quarter"],
      ["normalize", "share"], ["council", council], ["chart", "bar"]]);
    const page = await newPage();
    await page.goto(`${base}?${params}`);
    await page.waitForSelector("figure.chart canvas");
    const expected = await (await api(`api/v1/trends?q=planning&q=housing&interval=quarter&normalize=share&council=${encodeURIComponent(council)}`)).json();
    const drawn = await chartData(page);
    assert.deepEqual(drawn.labels, expected.buckets);
    assert.ok(drawn.labels.length > 40, "eleven years of quarters");
    drawn.datasets.forEach((d, i) => d.data.forEach((v, b) => assert.ok(Math.abs(v - expected.series[i].shares[b] * 100) < 1e-9)));
    const cell = await page.locator("table.numbers tbody tr").nth(4).locator("td").first().textContent();
    assert.equal(cell, `${(expected.series[0].shares[4] * 100).toFixed(2)}%`);
    await page.screenshot({ path: join(SHOTS, "trends-limerick-quarters.png") });
    const phone = await newPage(375);
    await phone.goto(`${base}?${params}`);
    await phone.waitForSelector("figure.chart canvas");
    await phone.screenshot({ path: join(SHOTS, "trends-phone.png"), fullPage: true });
    await phone.close();
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test("a static export works from a plain file server", async () => {
    const page = await newPage();
    await page.goto(`${staticBase}?view=trends&q=planning&theme=early-help&interval=year`);
    await page.waitForSelector("figure.chart canvas");
    assert.equal(await page.isVisible("#search-form"), false, "no search on a static host");
    const exported = JSON.parse(readFileSync(join(WORK, "web-static", "data", "trends.json"), "utf8"));
    const drawn = await chartData(page);
    assert.deepEqual(drawn.labels, exported.intervals.year.buckets);
    assert.deepEqual(drawn.datasets[0].data, exported.intervals.year.values["q:planning"].counts);
    assert.deepEqual(drawn.datasets[1].data, exported.intervals.year.values["theme:early-help"].counts);
    // The export holds what the API says.
    const live = await (await api("api/v1/trends?q=planning&theme=early-help&interval=year")).json();
    assert.deepEqual(live.series[0].counts, drawn.datasets[0].data);
    // Its CSV is made in the page.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("button:has-text('Download CSV')")]);
    const csv = readFileSync(await download.path(), "utf8").split("\r\n");
    assert.equal(csv[0], "year,planning,Early help");
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});

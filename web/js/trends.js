// The trends view: up to six series (words or themes) over time, as a line or
// bar chart with a table of the same numbers, CSV and PNG downloads. A click
// on a point opens the search behind it. On a static host the series come
// from the export (data/trends.json) instead of the API.
import { api, apiUrl, site } from "./api.js";
import { download, h, notice, number, withLoading } from "./dom.js";

const MAX_SERIES = 6;
// Filters a shared trends URL may carry (council=... to chart one council).
const TREND_FILTERS = ["council", "committee", "type"];
// Okabe and Ito's palette: told apart with any colour vision.
const COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];
const DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3]];

let chartLoaded = null;
function loadChart() {
  if (window.Chart) return Promise.resolve(window.Chart);
  chartLoaded ??= new Promise((resolve, reject) => {
    const s = h("script", { src: new URL("vendor/chart.umd.min.js", document.baseURI).href });
    s.onload = () => resolve(window.Chart);
    s.onerror = () => reject(new Error("The chart library could not be loaded."));
    document.head.append(s);
  });
  return chartLoaded;
}

// The series asked for, in the order the URL gives them.
function requestedSeries(params) {
  const out = [];
  for (const [k, v] of params) {
    if ((k === "q" || k === "theme") && out.length < MAX_SERIES) out.push({ kind: k, value: v });
  }
  return out;
}

// The meeting-date range a bucket label covers, as search filters.
export function bucketRange(label) {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  if (quarter) {
    const first = (Number(quarter[2]) - 1) * 3 + 1;
    return [`${quarter[1]}-${String(first).padStart(2, "0")}`, `${quarter[1]}-${String(first + 2).padStart(2, "0")}`];
  }
  return [label, label];
}

function staticTrends(params, wanted) {
  const data = site.trends;
  const interval = params.get("interval") || "year";
  const block = data.intervals[interval];
  if (!block) throw new Error(`This export has no ${interval} series.`);
  const share = params.get("normalize") === "share";
  const split = params.get("split") === "council";
  const series = [];
  for (const w of wanted) {
    const key = `${w.kind === "q" ? "q" : "theme"}:${w.value}`;
    const meta = data.series.find((s) => s.key === key);
    const values = block.values[key];
    if (!meta || !values) continue;
    const parts = split ? values.councils.map((c) => ({ ...c, label: `${meta.label} – ${c.value}`, split_value: c.value }))
      : [{ ...values, label: meta.label }];
    for (const p of parts) {
      series.push({ label: p.label, q: meta.q || null, theme: meta.theme || null, split_value: p.split_value,
        counts: p.counts, shares: share ? p.shares : undefined, undated: p.undated });
    }
  }
  return { interval, buckets: block.buckets, series };
}

function toCsv(result, share) {
  const cell = (v) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const header = [result.interval];
  for (const s of result.series) {
    header.push(s.label);
    if (share) header.push(`${s.label} (share)`);
  }
  const rows = [header];
  result.buckets.forEach((b, i) => {
    const row = [b];
    for (const s of result.series) {
      row.push(s.counts[i]);
      if (share) row.push(s.shares[i]);
    }
    rows.push(row);
  });
  const undated = ["undated"];
  for (const s of result.series) {
    undated.push(s.undated);
    if (share) undated.push("");
  }
  rows.push(undated);
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

function seriesEditor(wanted, themes, queries) {
  const list = h("ol", { class: "series-list" });
  const addRow = (kind = "q", value = "") => {
    const n = list.children.length + 1;
    const kindSelect = h("select", { "aria-label": `Series ${n}: kind`, name: "kind" },
      h("option", { value: "q", selected: kind === "q" }, "Words"),
      h("option", { value: "theme", selected: kind === "theme" }, "Theme"));
    const choose = (options, label) => h("select", { name: "value", "aria-label": label }, options.map((t) =>
      h("option", { value: t.value, selected: t.value === value }, t.label)));
    const input = () => {
      if (kindSelect.value === "theme") return choose(themes, `Series ${n}: theme`);
      // A static export has only the queries it was made with.
      if (queries) return choose(queries, `Series ${n}: query`);
      return h("input", { name: "value", type: "text", value: kindSelect.value === kind ? value : "",
        "aria-label": `Series ${n}: words to count`, placeholder: "e.g. early help", maxlength: 1000 });
    };
    let field = input();
    kindSelect.addEventListener("change", () => { const f = input(); field.replaceWith(f); field = f; });
    const row = h("li", {}, kindSelect, field,
      h("button", { type: "button", class: "remove", "aria-label": `Remove series ${n}`, onclick: () => { row.remove(); addButton.disabled = false; } }, "Remove"));
    list.append(row);
    addButton.disabled = list.children.length >= MAX_SERIES;
  };
  const addButton = h("button", { type: "button", onclick: () => { addRow(); list.lastChild.querySelector("[name=value]").focus(); } }, "Add a series");
  for (const w of wanted) addRow(w.kind, w.value);
  if (!wanted.length && queries) {
    for (const q of queries.slice(0, 2)) addRow("q", q.value);
  } else if (!wanted.length) {
    addRow("q", "early help");
    addRow("q", "children in care");
  }
  return h("fieldset", { class: "series" }, h("legend", {}, `Series (up to ${MAX_SERIES})`), list, addButton);
}

function select(name, label, options, current) {
  return h("label", {}, label, " ", h("select", { name }, options.map(([value, text]) =>
    h("option", { value, selected: current === value }, text))));
}

export async function renderTrends(ctx) {
  const { params, view, status, go } = ctx;
  document.title = "Trends – Council Search";
  const wanted = requestedSeries(params);
  const interval = params.get("interval") || "year";
  const share = params.get("normalize") === "share";
  const split = params.get("split") || "none";
  const chartType = params.get("chart") === "bar" ? "bar" : "line";

  let themes = [];
  try {
    themes = site.static
      ? site.trends.series.filter((s) => s.theme).map((s) => ({ value: s.theme, label: s.label }))
      : (await api("facets")).themes;
  } catch { /* the form still works for words */ }

  const form = h("form", { class: "trends-form", onsubmit: (e) => {
    e.preventDefault();
    const next = new URLSearchParams({ view: "trends" });
    for (const row of form.querySelectorAll(".series-list li")) {
      const kind = row.querySelector("[name=kind]").value;
      const value = row.querySelector("[name=value]").value.trim();
      if (value) next.append(kind, value);
    }
    for (const key of TREND_FILTERS) for (const v of params.getAll(key)) next.append(key, v);
    const data = new FormData(form);
    for (const key of ["interval", "normalize", "split", "chart", "from", "to"]) {
      const v = data.get(key);
      if (v && !(key === "split" && v === "none") && !(key === "normalize" && v === "none")) next.set(key, v);
    }
    go(next, { focus: "#trends-heading" });
  } },
  seriesEditor(wanted, themes, site.static
    ? site.trends.series.filter((s) => s.q).map((s) => ({ value: s.q, label: s.label })) : null),
  h("div", { class: "options" },
    select("interval", "Per", [["year", "year"], ["quarter", "quarter"], ["month", "month"]], interval),
    select("normalize", "Show", [["none", "number of items"], ["share", "share of all items"]], share ? "share" : "none"),
    select("split", "Split by", site.static ? [["none", "nothing"], ["council", "council"]]
      : [["none", "nothing"], ["council", "council"], ["committee", "committee"]], split),
    select("chart", "Chart", [["line", "lines"], ["bar", "bars"]], chartType),
    site.static ? null : h("label", {}, "From ", h("input", { name: "from", value: params.get("from") || "", placeholder: "2019", size: 8 })),
    site.static ? null : h("label", {}, "To ", h("input", { name: "to", value: params.get("to") || "", placeholder: "2025", size: 8 })),
    h("button", { type: "submit", class: "primary" }, "Show trends")));

  const section = h("section", { class: "trends", "aria-labelledby": "trends-heading" },
    h("h1", { id: "trends-heading", tabindex: "-1" }, "Trends"),
    h("p", { class: "lede" }, site.static
      ? "How often each theme or query came up in council papers, from a published export."
      : "How often words or themes come up in council papers over time. Click a point to see the papers behind it."),
    form);
  const only = TREND_FILTERS.flatMap((key) => params.getAll(key));
  if (only.length && !site.static) section.append(h("p", { class: "filters-note" }, `Only: ${only.join("; ")}. `,
    h("a", { href: "?" + new URLSearchParams([...params].filter(([k]) => !TREND_FILTERS.includes(k))) }, "Show every council")));
  view.replaceChildren(section);
  if (!wanted.length) {
    status.textContent = "";
    return;
  }

  let result;
  try {
    result = await withLoading(status, view, "Counting…", async () => {
      if (site.static) return staticTrends(params, wanted);
      const request = [...wanted.map((w) => [w.kind, w.value]), ["interval", interval]];
      if (share) request.push(["normalize", "share"]);
      if (split !== "none") request.push(["split", split]);
      for (const key of ["from", "to"]) if (params.get(key)) request.push([key, params.get(key)]);
      for (const key of TREND_FILTERS) for (const v of params.getAll(key)) request.push([key, v]);
      const [r] = await Promise.all([api("trends", request), loadChart()]);
      r.request = request;
      return r;
    });
    await loadChart();
  } catch (e) {
    status.textContent = "";
    section.append(notice([h("strong", {}, "The trends could not be drawn. "), e.message], "error"));
    return;
  }
  status.textContent = `${result.series.length} series, ${result.buckets.length} ${interval}s`;
  if (!result.series.length) {
    section.append(notice("Nothing to show: none of these series is in the data."));
    return;
  }

  const values = (s) => (share ? s.shares.map((v) => v * 100) : s.counts);
  const format = (v) => (share ? `${v.toFixed(2)}%` : number(v));
  const canvas = h("canvas", { role: "img", "aria-label": `${chartType === "bar" ? "Bar" : "Line"} chart of ${result.series.map((s) => s.label).join(", ")} per ${interval}; the table below gives the numbers.` });
  const figure = h("figure", { class: "chart" }, h("div", { class: "chart-box" }, canvas),
    h("figcaption", {}, share ? "Share of all items in each period that match (per cent)." : "Matching items in each period."));
  const styles = getComputedStyle(document.documentElement);
  const Chart = window.Chart;
  Chart.defaults.color = styles.getPropertyValue("--muted").trim() || "#555";
  Chart.defaults.borderColor = styles.getPropertyValue("--line").trim() || "#ddd";
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  const chart = new Chart(canvas, {
    type: chartType,
    data: {
      labels: result.buckets,
      datasets: result.series.map((s, i) => ({
        label: s.label, data: values(s),
        borderColor: COLOURS[i % COLOURS.length], backgroundColor: COLOURS[i % COLOURS.length],
        borderDash: DASHES[i % DASHES.length], pointRadius: result.buckets.length > 60 ? 0 : 3, pointHoverRadius: 6,
        tension: 0.2, borderWidth: 2,
      })),
    },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      interaction: { mode: "nearest", axis: "x", intersect: false },
      scales: { y: { beginAtZero: true, ticks: { callback: (v) => (share ? `${v}%` : number(v)) } } },
      plugins: {
        legend: { position: "bottom" },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${format(c.parsed.y)}` } },
      },
      onClick: site.static ? undefined : (event, elements) => {
        const el = elements[0];
        if (!el) return;
        const s = result.series[el.datasetIndex];
        const [from, to] = bucketRange(result.buckets[el.index]);
        const next = new URLSearchParams();
        if (s.q) next.set("q", s.q);
        if (s.theme) next.set("theme", s.theme);
        for (const key of TREND_FILTERS) for (const v of params.getAll(key)) next.append(key, v);
        if (s.split_value) next.set(split, s.split_value);
        next.set("from", from);
        next.set("to", to);
        go(next, { focus: "#results-heading" });
      },
    },
  });
  canvas.chart = chart;

  const table = h("table", { class: "numbers" },
    h("caption", {}, "The numbers behind the chart"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, interval[0].toUpperCase() + interval.slice(1)),
      result.series.map((s) => h("th", { scope: "col" }, s.label)))),
    h("tbody", {}, result.buckets.map((b, i) => h("tr", {}, h("th", { scope: "row" }, b),
      result.series.map((s) => h("td", {}, format(values(s)[i])))))),
    h("tfoot", {}, h("tr", {}, h("th", { scope: "row" }, "Undated"),
      result.series.map((s) => h("td", {}, number(s.undated))))));

  const downloads = h("div", { class: "downloads" },
    h("button", { type: "button", onclick: async () => {
      const csv = site.static ? toCsv(result, share)
        : await (await fetch(apiUrl("trends.csv", result.request))).text();
      download("councilsearch-trends.csv", new Blob([csv], { type: "text/csv" }));
    } }, "Download CSV"),
    h("button", { type: "button", onclick: () => {
      fetch(chart.toBase64Image("image/png", 1)).then((r) => r.blob()).then((b) => download("councilsearch-trends.png", b));
    } }, "Download chart (PNG)"));

  section.append(figure, downloads, h("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-label": "Table of the numbers" }, table));
}

// Council Search web page: a static page over the searchd API. The whole
// state lives in the query string, so every view can be shared.
const API = new URL("api/v1/", document.baseURI);
const FACETS = [["council", "Council"], ["committee", "Committee"], ["theme", "Theme"], ["type", "Type"], ["year", "Year"]];
const FILTERS = ["council", "committee", "theme", "type", "person", "from", "to", "decisions"];
const PAGE = 20;

const view = document.getElementById("view");
const status = document.getElementById("status");
const input = document.getElementById("q");

// Builds elements without ever parsing text as HTML.
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  return el;
}

// Snippets arrive HTML-escaped with <mark> around matches: keep only those.
function snippet(html) {
  const p = h("p", { class: "snippet" });
  for (const part of html.split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") p.append(h("mark"));
    else if (part !== "</mark>" && part) {
      const text = new DOMParser().parseFromString(part, "text/html").documentElement.textContent;
      const last = p.lastChild;
      if (last && last.nodeName === "MARK" && !last.textContent) last.append(text);
      else p.append(text);
    }
  }
  return p;
}

async function api(path, params) {
  const url = new URL(path, API);
  for (const [k, v] of params) url.searchParams.append(k, v);
  const res = await fetch(url);
  const body = await res.json().catch(() => ({ error: { message: `HTTP ${res.status}` } }));
  if (!res.ok) throw new Error(body.error ? body.error.message : `HTTP ${res.status}`);
  return body;
}

function go(params) {
  history.pushState(null, "", "?" + params.toString());
  render();
}

function withParam(params, key, value) {
  const next = new URLSearchParams(params);
  next.delete("offset");
  if (key === "year") {
    next.set("from", value);
    next.set("to", value);
  } else {
    next.append(key, value);
  }
  return next;
}

function withoutParam(params, key, value) {
  const next = new URLSearchParams();
  for (const [k, v] of params) if (!(k === key && v === value) && k !== "offset") next.append(k, v);
  return next;
}

function meta(hit) {
  return [hit.council, hit.committee, hit.date || "undated", hit.type, hit.page ? `page ${hit.page}` : null]
    .filter(Boolean).join(" · ");
}

async function renderSearch(params) {
  const q = params.get("q") || "";
  input.value = q;
  const request = new URLSearchParams();
  for (const [k, v] of params) if (k === "q" || k === "sort" || k === "group" || k === "offset" || FILTERS.includes(k)) request.append(k, v);
  request.set("limit", PAGE);
  status.textContent = "Searching…";
  let r;
  try {
    r = await api("search", request);
  } catch (e) {
    status.textContent = "";
    view.replaceChildren(h("p", { class: "notice error" }, `The search could not run: ${e.message}`));
    return;
  }
  status.textContent = `${r.total.toLocaleString()} ${params.get("group") === "paper" ? "papers" : "items"} (${r.took_ms} ms)`;

  const aside = h("aside", { class: "facets", "aria-label": "Filters" });
  for (const [key, label] of FACETS) {
    const values = r.facets[key] || [];
    if (!values.length) continue;
    aside.append(h("h2", {}, label), h("ul", {}, values.slice(0, 12).map((v) =>
      h("li", {}, h("button", { type: "button", onclick: () => go(withParam(params, key, v.value)) },
        h("span", {}, v.label || v.value), h("span", { class: "count" }, v.count.toLocaleString()))))));
  }

  const chips = h("div", { class: "chips", "aria-label": "Active filters" });
  for (const [k, v] of params) {
    if (!FILTERS.includes(k)) continue;
    chips.append(h("button", { type: "button", class: "chip", "aria-label": `Remove filter ${k}: ${v}`,
      onclick: () => go(withoutParam(params, k, v)) }, `${k}: ${v} ✕`));
  }
  const sort = h("select", { "aria-label": "Sort", onchange: (e) => { const n = new URLSearchParams(params); n.set("sort", e.target.value); n.delete("offset"); go(n); } },
    ["relevance", "newest", "oldest", "recent"].map((s) => h("option", { value: s, selected: (params.get("sort") || "relevance") === s }, s)));
  const grouped = params.get("group") === "paper";
  const group = h("button", { type: "button", "aria-pressed": String(grouped), onclick: () => { const n = new URLSearchParams(params); grouped ? n.delete("group") : n.set("group", "paper"); n.delete("offset"); go(n); } },
    grouped ? "Show every item" : "One result per paper");

  const results = h("section", { "aria-label": "Results" });
  if (r.did_you_mean) {
    const n = new URLSearchParams(params);
    n.set("q", r.did_you_mean);
    results.append(h("p", { class: "notice" }, "Did you mean ", h("a", { href: "?" + n, onclick: (e) => { e.preventDefault(); go(n); } }, r.did_you_mean), "?"));
  }
  results.append(h("div", { class: "toolbar" }, chips, sort, group));
  if (!r.hits.length) {
    results.append(h("p", { class: "notice" }, "Nothing matched. Try fewer words, remove a filter, or use OR between alternatives."));
  }
  results.append(h("ol", { class: "hits" }, r.hits.map((hit) => {
    const link = new URLSearchParams({ paper: hit.paper_id, item: hit.item_id });
    if (q) link.set("q", q);
    const heading = [hit.number, hit.heading].filter(Boolean).join(" ");
    return h("li", {},
      h("a", { class: "hit-title", href: "?" + link }, hit.title || hit.paper_id),
      heading && heading !== hit.title ? h("div", {}, heading) : null,
      h("div", { class: "meta" }, meta(hit)),
      snippet(hit.snippet));
  })));
  const offset = Number(params.get("offset") || 0);
  const pager = h("nav", { class: "pager", "aria-label": "Pages" });
  const page = (o) => { const n = new URLSearchParams(params); n.set("offset", o); go(n); };
  if (offset > 0) pager.append(h("button", { type: "button", onclick: () => page(Math.max(0, offset - PAGE)) }, "Previous"));
  pager.append(h("span", {}, `${offset + 1}–${offset + r.hits.length}`));
  if (offset + PAGE < r.total && offset + PAGE <= 10000) pager.append(h("button", { type: "button", onclick: () => page(offset + PAGE) }, "Next"));
  results.append(pager);
  view.replaceChildren(h("div", { class: "layout" }, aside, results));
}

async function renderPaper(params) {
  status.textContent = "Loading paper…";
  let paper;
  try {
    paper = await api(`papers/${encodeURIComponent(params.get("paper"))}`, []);
  } catch (e) {
    status.textContent = "";
    view.replaceChildren(h("p", { class: "notice error" }, e.message));
    return;
  }
  status.textContent = "";
  const wanted = params.get("item");
  const items = paper.items.map((item) => h("section", { class: "item" + (item.item === wanted ? " matched" : ""), id: `item-${item.item}`, tabindex: "-1" },
    h("h2", {}, [item.number, item.heading].filter(Boolean).join(" ") || `Item ${item.ordinal}`),
    item.page ? h("div", { class: "meta" }, `page ${item.page}`) : null,
    h("pre", {}, item.text)));
  view.replaceChildren(h("article", {},
    h("h1", {}, paper.title || paper.paper),
    h("p", { class: "meta" }, [paper.council, paper.committee, paper.date || "undated", paper.type].filter(Boolean).join(" · ")),
    paper.url ? h("p", {}, h("a", { href: paper.url, rel: "noopener" }, "Source document")) : null,
    items));
  const target = wanted && document.getElementById(`item-${wanted}`);
  if (target) { target.scrollIntoView({ block: "start" }); target.focus(); }
}

function render() {
  const params = new URLSearchParams(location.search);
  if (params.has("paper")) renderPaper(params);
  else renderSearch(params);
}

document.getElementById("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const params = new URLSearchParams(location.search);
  const next = new URLSearchParams();
  for (const [k, v] of params) if (FILTERS.includes(k) || k === "sort" || k === "group") next.append(k, v);
  if (input.value.trim()) next.set("q", input.value.trim());
  go(next);
});
window.addEventListener("popstate", render);
render();

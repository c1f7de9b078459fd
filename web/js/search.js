// The search view: results with highlighted snippets, facets, filters as
// removable chips, sort, grouping and paging. Everything is in the URL.
import { api } from "./api.js";
import { formatDate, h, marked, notice, number, withLoading } from "./dom.js";

const FACETS = [
  ["council", "Council"],
  ["committee", "Committee"],
  ["theme", "Theme"],
  ["type", "Document type"],
  ["year", "Year"],
];
export const FILTERS = ["council", "committee", "theme", "type", "person", "kind", "from", "to", "decisions"];
const PAGE = 20;
const MAX_OFFSET = 10000;
const SHOWN_VALUES = 8;

function filterLabel(key, value, themes) {
  if (key === "from") return `From ${value}`;
  if (key === "to") return `To ${value}`;
  if (key === "decisions") return "Decisions only";
  if (key === "theme") return `Theme: ${themes.get(value) || value}`;
  return `${key[0].toUpperCase()}${key.slice(1)}: ${value}`;
}

export function searchLink(params) {
  return "?" + params.toString();
}

export async function renderSearch(ctx) {
  const { params, view, status, go } = ctx;
  const q = params.get("q") || "";
  ctx.input.value = q;
  const request = new URLSearchParams();
  for (const [k, v] of params) if (["q", "sort", "group", "offset", ...FILTERS].includes(k)) request.append(k, v);
  request.set("limit", PAGE);

  let r;
  try {
    r = await withLoading(status, view, "Searching…", () => api("search", request));
  } catch (e) {
    status.textContent = "";
    view.replaceChildren(notice([h("strong", {}, "The search could not run. "), e.message], "error"));
    return;
  }
  const grouped = params.get("group") === "paper";
  const unit = grouped ? (r.total === 1 ? "paper" : "papers") : r.total === 1 ? "item" : "items";
  status.textContent = `${number(r.total)} ${unit}${q ? ` for “${q}”` : ""}`;
  document.title = q ? `${q} – Council Search` : "Council Search";
  const themeLabels = new Map((r.facets.theme || []).map((t) => [t.value, t.label || t.value]));

  const update = (mutate) => {
    const next = new URLSearchParams(params);
    next.delete("offset");
    mutate(next);
    go(next, { focus: "#results-heading" });
  };

  // Facets
  const aside = h("aside", { class: "facets", "aria-label": "Refine results" });
  const from = params.get("from") || "", to = params.get("to") || "";
  aside.append(h("form", { class: "dates", onsubmit: (e) => {
    e.preventDefault();
    const data = new FormData(e.target);
    update((n) => {
      for (const key of ["from", "to"]) {
        n.delete(key);
        if (data.get(key)) n.set(key, data.get(key));
      }
    });
  } },
  h("h2", {}, "Meeting date"),
  h("div", { class: "date-row" },
    h("label", {}, "From", h("input", { name: "from", value: from, placeholder: "2019 or 2019-06", inputmode: "numeric", size: 10 })),
    h("label", {}, "To", h("input", { name: "to", value: to, placeholder: "2024-12-31", inputmode: "numeric", size: 10 }))),
  h("button", { type: "submit" }, "Apply dates")));

  for (const [key, label] of FACETS) {
    const values = r.facets[key] || [];
    if (!values.length) continue;
    const id = `facet-${key}`;
    const list = h("ul", { "aria-labelledby": id });
    values.forEach((v, i) => {
      const name = v.label || v.value;
      list.append(h("li", { hidden: i >= SHOWN_VALUES }, h("button", {
        type: "button", class: "facet",
        "aria-label": `${label}: ${name}, ${number(v.count)} ${grouped ? "papers" : "items"}`,
        onclick: () => update((n) => {
          if (key === "year") {
            if (v.value === "undated") return;
            n.set("from", v.value);
            n.set("to", v.value);
          } else {
            n.append(key, v.value);
          }
        }),
      }, h("span", { class: "facet-name" }, name), h("span", { class: "count" }, number(v.count)))));
    });
    const section = h("section", { class: "facet-group" }, h("h2", { id }, label), list);
    if (values.length > SHOWN_VALUES) {
      section.append(h("button", { type: "button", class: "more", "aria-expanded": "false", onclick: (e) => {
        const open = e.target.getAttribute("aria-expanded") === "true";
        list.querySelectorAll("li").forEach((li, i) => { li.hidden = !open ? false : i >= SHOWN_VALUES; });
        e.target.setAttribute("aria-expanded", String(!open));
        e.target.textContent = open ? `Show all ${values.length}` : "Show fewer";
      } }, `Show all ${values.length}`));
    }
    aside.append(section);
  }

  // Toolbar: active filters, sort, grouping
  const chips = h("ul", { class: "chips", "aria-label": "Active filters" });
  for (const [k, v] of params) {
    if (!FILTERS.includes(k)) continue;
    chips.append(h("li", {}, h("button", {
      type: "button", class: "chip", "aria-label": `Remove filter ${filterLabel(k, v, themeLabels)}`,
      onclick: () => update((n) => {
        const kept = [...n].filter(([nk, nv]) => !(nk === k && nv === v));
        for (const key of [...new Set([...n.keys()])]) n.delete(key);
        for (const [nk, nv] of kept) n.append(nk, nv);
      }),
    }, filterLabel(k, v, themeLabels), h("span", { "aria-hidden": "true" }, " ×"))));
  }
  const sort = h("select", { id: "sort", onchange: (e) => update((n) => n.set("sort", e.target.value)) },
    [["relevance", "Best match"], ["recent", "Best match, newer first"], ["newest", "Newest"], ["oldest", "Oldest"]]
      .map(([value, text]) => h("option", { value, selected: (params.get("sort") || "relevance") === value }, text)));
  const group = h("input", { type: "checkbox", id: "group", checked: grouped,
    onchange: (e) => update((n) => (e.target.checked ? n.set("group", "paper") : n.delete("group"))) });

  const results = h("section", { class: "results", "aria-labelledby": "results-heading" },
    h("h1", { id: "results-heading", tabindex: "-1", class: "results-heading" },
      q ? `Results for “${q}”` : "All papers, newest first"));
  if (r.did_you_mean) {
    const n = new URLSearchParams(params);
    n.set("q", r.did_you_mean);
    n.delete("offset");
    results.append(h("p", { class: "notice suggestion" }, "Did you mean ",
      h("a", { href: searchLink(n), onclick: (e) => { e.preventDefault(); go(n, { focus: "#results-heading" }); } }, r.did_you_mean), "?"));
  }
  results.append(h("div", { class: "toolbar" },
    chips.children.length ? chips : null,
    h("div", { class: "controls" },
      h("label", { for: "sort" }, "Sort "), sort,
      h("label", { class: "check" }, group, " One result per paper"))));

  if (!r.hits.length) {
    const tips = ["Check the spelling, or try fewer or more general words.",
      "Use OR between alternatives: fostering OR adoption."];
    if ([...params.keys()].some((k) => FILTERS.includes(k))) tips.unshift("Remove a filter above to widen the search.");
    results.append(notice([h("strong", {}, "No papers matched. "), h("ul", {}, tips.map((t) => h("li", {}, t)))]));
  }

  const offset = Number(params.get("offset") || 0);
  results.append(h("ol", { class: "hits", start: offset + 1 }, r.hits.map((hit) => {
    const link = new URLSearchParams({ paper: hit.paper_id, item: hit.item_id });
    if (q) link.set("q", q);
    const item = [hit.number ? `Item ${hit.number}` : null, hit.heading && hit.heading !== hit.title ? hit.heading : null]
      .filter(Boolean).join(": ");
    return h("li", {}, h("article", { class: "hit" },
      h("h2", { class: "hit-title" }, h("a", { href: searchLink(link) }, hit.title || hit.paper_id)),
      item ? h("p", { class: "hit-item" }, item) : null,
      h("p", { class: "meta" }, [hit.council, hit.committee, formatDate(hit.date), hit.type, hit.page ? `page ${hit.page}` : null]
        .filter(Boolean).join(" · ")),
      marked(hit.snippet),
      hit.themes.length ? h("ul", { class: "themes", "aria-label": "Themes" },
        hit.themes.slice(0, 4).map((t) => h("li", {}, themeLabels.get(t) || t))) : null));
  })));

  if (r.total > PAGE) {
    const last = Math.min(r.total, MAX_OFFSET + PAGE);
    const pages = Math.ceil(last / PAGE), page = Math.floor(offset / PAGE) + 1;
    const to = (o) => { const n = new URLSearchParams(params); n.set("offset", o); go(n, { focus: "#results-heading" }); };
    results.append(h("nav", { class: "pager", "aria-label": "Result pages" },
      h("button", { type: "button", disabled: offset === 0, onclick: () => to(Math.max(0, offset - PAGE)) }, "Previous"),
      h("span", { "aria-current": "page" }, `Page ${page} of ${number(pages)}`),
      h("button", { type: "button", disabled: page >= pages, onclick: () => to(offset + PAGE) }, "Next")));
  }
  view.replaceChildren(h("div", { class: "layout" }, aside, results));
}

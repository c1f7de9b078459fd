// Council Search web page: a static page over the searchd API (or, on a
// static host, over exported trends). The whole state is in the query string,
// so any view can be bookmarked and shared.
import { detectMode, site } from "./js/api.js";
import { renderPaper } from "./js/paper.js";
import { FILTERS, renderSearch } from "./js/search.js";
import { renderTrends } from "./js/trends.js";

const view = document.getElementById("view");
const status = document.getElementById("status");
const input = document.getElementById("q");
let rendering = 0;

function go(params, { focus } = {}) {
  history.pushState(null, "", "?" + params.toString());
  render(focus);
}

async function render(focus) {
  const ticket = ++rendering;
  const params = new URLSearchParams(location.search);
  const trends = params.get("view") === "trends" || site.static;
  for (const link of document.querySelectorAll("nav.views a")) {
    const current = (link.dataset.view === "trends") === trends && !params.has("paper");
    if (current) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const ctx = { params, view, status, input, go };
  if (trends) await renderTrends(ctx);
  else if (params.has("paper")) await renderPaper(ctx);
  else await renderSearch(ctx);
  if (ticket !== rendering || !focus) return;
  const target = document.querySelector(focus);
  if (target) target.focus();
}

document.getElementById("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const current = new URLSearchParams(location.search);
  const next = new URLSearchParams();
  // A new query keeps the filters, sort and grouping of the last search.
  if (!current.has("paper") && current.get("view") !== "trends") {
    for (const [k, v] of current) if (FILTERS.includes(k) || k === "sort" || k === "group") next.append(k, v);
  }
  if (input.value.trim()) next.set("q", input.value.trim());
  go(next, { focus: "#results-heading" });
});

document.addEventListener("click", (e) => {
  // Plain clicks on in-page links stay in the page (history, no reload).
  const a = e.target.closest("a[href^='?'], a[data-view]");
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  const params = new URL(a.href).searchParams;
  // The paper view puts the focus on the matched item itself.
  go(params, { focus: params.has("paper") ? null : "main h1" });
});

window.addEventListener("popstate", () => render());

await detectMode();
if (site.static) {
  document.body.classList.add("static");
  document.getElementById("search-form").hidden = true;
}
render();

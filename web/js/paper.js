// The paper view: metadata, every item (the query's matches marked), the
// matched item scrolled into view, similar papers and the source link.
import { api } from "./api.js";
import { formatDate, h, marked, notice, withLoading } from "./dom.js";

export async function renderPaper(ctx) {
  const { params, view, status, go } = ctx;
  const id = params.get("paper");
  const q = params.get("q") || "";
  const wanted = params.get("item");
  let paper, similar;
  try {
    [paper, similar] = await withLoading(status, view, "Loading the paper…", () => Promise.all([
      api(`papers/${encodeURIComponent(id)}`, q ? [["q", q]] : []),
      api(`papers/${encodeURIComponent(id)}/similar`, [["limit", "6"]]).catch(() => ({ similar: [] })),
    ]));
  } catch (e) {
    status.textContent = "";
    view.replaceChildren(notice([h("strong", {}, "This paper could not be shown. "), e.message], "error"));
    return;
  }
  status.textContent = "";
  document.title = `${paper.title || id} – Council Search`;
  const back = new URLSearchParams();
  if (q) back.set("q", q);

  const items = paper.items.map((item) => {
    const heading = [item.number, item.heading].filter(Boolean).join(" ") || `Part ${item.ordinal}`;
    const matched = item.item === wanted;
    return h("section", { class: `item${matched ? " matched" : ""}`, id: `item-${item.item}`, tabindex: "-1",
      "aria-label": matched ? `${heading} (the matching item)` : heading },
      h("h2", {}, heading),
      item.page ? h("p", { class: "meta" }, `Page ${item.page}`) : null,
      item.decisions.length ? h("div", { class: "decisions" }, h("h3", {}, "Decisions"),
        item.decisions.map((d) => h("p", {}, d))) : null,
      item.html !== undefined ? marked(item.html, "div", "text") : h("div", { class: "text" }, item.text));
  });

  view.replaceChildren(h("div", { class: "paper-layout" },
    h("article", { class: "paper", "aria-labelledby": "paper-title" },
      h("p", {}, h("a", { href: "?" + back, onclick: (e) => { e.preventDefault(); go(back); } }, "← Back to the results")),
      h("h1", { id: "paper-title", tabindex: "-1" }, paper.title || id),
      h("dl", { class: "paper-meta" },
        [["Council", paper.council], ["Committee", paper.committee], ["Meeting", formatDate(paper.date)], ["Type", paper.type],
          ["Pages", paper.page_count]].filter(([, v]) => v).map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
      paper.url ? h("p", {}, h("a", { href: paper.url, rel: "noopener noreferrer" }, "Read the source document")) : null,
      items),
    h("aside", { class: "similar", "aria-labelledby": "similar-heading" },
      h("h2", { id: "similar-heading" }, "Similar papers"),
      similar.similar.length ? h("ul", {}, similar.similar.map((s) => {
        const link = new URLSearchParams({ paper: s.paper, item: s.item });
        return h("li", {}, h("a", { href: "?" + link }, s.title || s.paper),
          h("span", { class: "meta" }, [s.committee, formatDate(s.date)].filter(Boolean).join(" · ")));
      })) : h("p", {}, "None found."))));

  const target = (wanted && document.getElementById(`item-${wanted}`)) || document.getElementById("paper-title");
  target.scrollIntoView({ block: "start" });
  target.focus({ preventScroll: true });
}

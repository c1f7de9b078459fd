// Small DOM helpers. Text from the index is only ever inserted as text;
// the one markup it carries is <mark> in snippets, rebuilt as elements.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "value") el.value = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

function decode(text) {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);
}

// Snippet HTML from the API (escaped text, matches in <mark>) as nodes.
export function marked(html, tag = "p", className = "snippet") {
  const el = h(tag, { class: className });
  let inMark = false;
  for (const part of html.split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") inMark = true;
    else if (part === "</mark>") inMark = false;
    else if (part) el.append(inMark ? h("mark", {}, decode(part)) : decode(part));
  }
  return el;
}

export function formatDate(iso) {
  if (!iso) return "undated";
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

export function number(n) {
  return Number(n).toLocaleString("en-GB");
}

// Shows "Loading…" in the status line if the work takes more than a moment.
export async function withLoading(status, view, message, work) {
  const timer = setTimeout(() => {
    status.textContent = message;
    view.setAttribute("aria-busy", "true");
    view.classList.add("loading");
  }, 150);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    view.removeAttribute("aria-busy");
    view.classList.remove("loading");
  }
}

export function notice(message, kind = "") {
  return h("div", { class: `notice ${kind}`, role: kind === "error" ? "alert" : null }, message);
}

export function download(filename, blob) {
  const a = h("a", { href: URL.createObjectURL(blob), download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

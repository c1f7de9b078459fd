// The searchd API, or, on a static host, the trends exported beside the page
// (councilsearch-index export-trends writes data/trends.json).

export const API = new URL("api/v1/", document.baseURI);
export const site = { static: false, trends: null };

export async function detectMode() {
  try {
    const res = await fetch(new URL("data/trends.json", document.baseURI), { cache: "no-cache" });
    if (res.ok) {
      site.trends = await res.json();
      site.static = true;
    }
  } catch {
    // No export: the API it is.
  }
}

export function apiUrl(path, params = []) {
  const url = new URL(path, API);
  for (const [k, v] of params) url.searchParams.append(k, v);
  return url;
}

export class ApiError extends Error {}

export async function api(path, params = []) {
  let res;
  try {
    res = await fetch(apiUrl(path, params));
  } catch {
    throw new ApiError("The search server cannot be reached. Check your connection and try again.");
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(body && body.error ? body.error.message : `The server answered ${res.status}.`);
  return body;
}

// The REST API, with the signed-in token. The token lives in this tab's session
// storage only: closing the tab signs out, and no other tab or script on disk
// can read it later.
const KEY = 'redress.token';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.errors = problem.errors || [];  // [{field: "/owner", message}]
  }
}

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (value) => sessionStorage.setItem(KEY, value),
  clear: () => sessionStorage.removeItem(KEY),
};

let onUnauthorized = () => {};
export function whenUnauthorized(f) { onUnauthorized = f; }

// One request; JSON in and out. Throws ApiError with the API's problem document.
export async function call(method, path, body, { raw = false, bearer } = {}) {
  const headers = { Accept: raw ? '*/*' : 'application/json' };
  const t = bearer || token.get();
  if (t) headers.Authorization = `Bearer ${t}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, { detail: `the host does not answer (${e.message})` });
  }
  if (res.status === 401 && !bearer) onUnauthorized();
  if (!res.ok) {
    let problem = { detail: `HTTP ${res.status}` };
    try { problem = await res.json(); } catch (_) { /* not JSON: keep the status */ }
    throw new ApiError(res.status, problem);
  }
  if (raw) return res;
  return res.status === 204 ? null : res.json();
}

export const get = (path, options) => call('GET', path, undefined, options);
export const post = (path, body) => call('POST', path, body);

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

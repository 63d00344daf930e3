// The console API client: bearer token, JSON in and out, RFC 9457 problem+json turned into ApiProblem.

const TOKEN_KEY = 'overcast.token';

/** A refused request: the problem document's title/detail and, for invalid specs, the field violations. */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.violations = problem.violations ?? [];
  }
}

/** Takes a token handed over in the address (?token=…), keeps it for the tab, and drops it from the address bar. */
export function adoptTokenFromAddress() {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
  }
}

export function setToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token.trim());
}

export function hasToken() {
  return Boolean(sessionStorage.getItem(TOKEN_KEY));
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  // Relative to the page, so the console works wherever its index.html is served from.
  const response = await fetch(new URL(path.replace(/^\//, ''), document.baseURI), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiProblem(response.status, json ?? { title: response.statusText });
  return json;
}

export const api = {
  get: (path) => call('GET', path),
  post: (path, body) => call('POST', path, body ?? {}),
  delete: (path) => call('DELETE', path),
};

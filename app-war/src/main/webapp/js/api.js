// The one way the UI talks to the API: JSON in and out, the session's CSRF token on every write,
// and failures turned into ApiError carrying the problem details (RFC 9457) the server sent.

const BASE = 'api/v1/';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

let csrfToken = null;
let onSignedOut = () => {};

/** The CSRF token of the signed-in session (kept in memory only). */
export function setCsrfToken(token) {
  csrfToken = token || null;
}

/** Called when the server says the session is gone (401 outside the sign-in endpoints). */
export function whenSignedOut(callback) {
  onSignedOut = callback;
}

/** A URL for links and frames (downloads, CV preview). */
export function apiUrl(path) {
  return BASE + path;
}

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(messageFor(status, problem, retryAfter));
    this.name = 'ApiError';
    this.status = status;
    this.title = problem.title || '';
    this.detail = problem.detail || '';
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.notAvailable = null; // the feature's name when its endpoint does not exist (yet)
  }
}

function messageFor(status, problem, retryAfter) {
  let text = problem.detail || problem.title || `The request failed (HTTP ${status}).`;
  if (retryAfter && (status === 429 || status === 503)) {
    text += ` Try again in ${retryAfter} seconds.`;
  }
  return text;
}

/**
 * Sends a request to {@code api/v1/<path>}.
 * options.body: a value sent as JSON; options.text: a string sent as is (with options.type);
 * options.feature: a name for "not available yet" when the endpoint answers 404 or 405;
 * options.headers: more request headers (e.g. If-Match).
 * Resolves to the parsed JSON (null for 204); rejects with ApiError.
 */
export async function api(method, path, options = {}) {
  const headers = { Accept: 'application/json, application/problem+json', ...(options.headers || {}) };
  let body;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  } else if (options.text !== undefined) {
    headers['Content-Type'] = options.type || 'application/json';
    body = options.text;
  }
  if (!SAFE.has(method) && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }

  let response;
  try {
    response = await fetch(BASE + path, { method, headers, body, credentials: 'same-origin' });
  } catch (networkFailure) {
    throw new ApiError(0, {
      title: 'Network error',
      detail: 'The server could not be reached. Check the connection and try again.',
    });
  }

  const text = response.status === 204 ? '' : await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (notJson) {
      data = null;
    }
  }
  if (response.ok) {
    return data;
  }

  const problem = data && typeof data === 'object' ? data : { detail: response.statusText };
  const error = new ApiError(response.status, problem, response.headers.get('Retry-After'));
  if (options.feature && (response.status === 404 || response.status === 405)) {
    error.notAvailable = options.feature;
    error.message = `${options.feature} is not available yet on this server.`;
  }
  if (response.status === 401 && !path.startsWith('auth/')) {
    onSignedOut(error);
  }
  throw error;
}

export const get = (path, options) => api('GET', path, options);
export const post = (path, body, options = {}) => api('POST', path, { ...options, body });
export const put = (path, body, options = {}) => api('PUT', path, { ...options, body });
export const del = (path, options) => api('DELETE', path, options);

// The one place that talks to the API. It attaches the access token (kept in memory only, never in
// storage), refreshes it through the HttpOnly cookie shortly before it expires or once after a 401, and
// turns every failure into an ApiError that carries the problem+json body, so forms can show each error
// next to the field it names. It asks for problems in the app's language (Accept-Language), so that a message the
// app cannot word itself from a rule code still reads in that language.
import { lang } from './i18n.js';

let accessToken = null;
let expiresAt = 0;
let refreshing = null;
const sessionListeners = new Set();

export class ApiError extends Error {
  constructor(status, problem, network = false) {
    super(problem?.detail || problem?.title || (network ? 'network' : `HTTP ${status}`));
    this.status = status;
    this.problem = problem || {};
    this.network = network;
  }

  /** [{field, message, rule?, params?}] from the problem, possibly empty. */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/** Called with the token pair's user when a session starts or is restored, and with null when it ends. */
export function onSession(fn) {
  sessionListeners.add(fn);
  return () => sessionListeners.delete(fn);
}

// Only a hint that a refresh cookie may exist (the cookie itself is HttpOnly): without it, start-up does
// not ask for a refresh that can only fail.
const MARKER = 'gerbang.session';

export function mayHaveSession() {
  return localStorage.getItem(MARKER) === '1';
}

function setSession(pair) {
  if (pair) localStorage.setItem(MARKER, '1'); else localStorage.removeItem(MARKER);
  accessToken = pair ? pair.accessToken : null;
  // Refresh 30 s early, so that a request never leaves with a token about to expire.
  expiresAt = pair ? Date.now() + (pair.expiresIn - 30) * 1000 : 0;
  sessionListeners.forEach((fn) => fn(pair ? pair.user : null));
}

export function signedIn() {
  return accessToken !== null;
}

async function send(method, path, body, token, { signal, headers: extraHeaders = {} } = {}) {
  const headers = { ...extraHeaders, Accept: 'application/json, application/problem+json', 'Accept-Language': lang() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin', signal,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    // Aborted on purpose (the screen that asked is gone): not a network failure to report.
    if (signal?.aborted) throw e;
    throw new ApiError(0, null, true);
  }
  const type = response.headers.get('Content-Type') || '';
  const data = response.status === 204 ? null
    : type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** Trades the refresh cookie for a new token pair (one request at a time); false when there is no session. */
export function refresh() {
  if (!refreshing) {
    refreshing = send('POST', '/api/auth/refresh')
      .then((pair) => { setSession(pair); return true; })
      .catch((e) => {
        if (e.network || e.status >= 500) throw e;
        if (accessToken) setSession(null); else localStorage.removeItem(MARKER);
        return false;
      })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

/**
 * api('GET', '/api/me') -> parsed JSON (null for 204); throws ApiError. options.signal ends the request when it
 * aborts (an AbortError then, not an ApiError; screens use scope.api() from lifecycle.js, which does that for them);
 * options.headers adds request headers (an Idempotency-Key, say).
 */
export async function api(method, path, body, { signal, headers } = {}) {
  if (accessToken && Date.now() > expiresAt) await refresh();
  const token = accessToken;
  try {
    return await send(method, path, body, token, { signal, headers });
  } catch (e) {
    // A token revoked or expired under us: refresh once and try again; a second 401 is final.
    if (e.status === 401 && token && !path.startsWith('/api/auth/login')) {
      if (await refresh()) return send(method, path, body, accessToken, { signal, headers });
    }
    throw e;
  }
}

/** After a social sign-in the server set the refresh cookie: expect a session, and let refresh() fetch it. */
export function expectSession() {
  localStorage.setItem(MARKER, '1');
}

export async function login(email, password) {
  const pair = await send('POST', '/api/auth/login', { email, password });
  setSession(pair);
  return pair.user;
}

/** A current access token for a request api() cannot make (the notification stream); null without a session. */
export async function accessTokenNow() {
  if (accessToken && Date.now() > expiresAt) await refresh();
  return accessToken;
}

const signOutSteps = new Set();

/** fn runs (and is awaited) at sign-out while the session still works: what must be undone in its name. */
export function beforeSignOut(fn) {
  signOutSteps.add(fn);
}

/** Runs the beforeSignOut steps; one that fails does not stop the others, nor the sign-out. */
export async function prepareSignOut() {
  await Promise.allSettled([...signOutSteps].map((fn) => fn()));
}

export async function logout() {
  await prepareSignOut();
  try {
    await api('POST', '/api/auth/logout');
  } finally {
    setSession(null);
  }
}

/** The session ended on the server (account deleted, password changed elsewhere...): forget the token. */
export function forget() {
  setSession(null);
}

// The live side of in-app notifications: while someone is signed in, each tab holds one Server-Sent Events
// stream (GET /api/notifications/stream) and shares what it hears: the unread count (for the bell) and every
// change (for the notifications page). EventSource cannot send the Authorization header and the access token
// lives in memory only, so the stream is a fetch() read chunk by chunk and parsed here. When it ends (the
// server restarted, the network dropped) it comes back with backoff and Last-Event-ID, so nothing is missed;
// when the session is gone the refresh fails, the app signs out, and the stream stops.
import { accessTokenNow, api, beforeSignOut, onSession, refresh } from './api.js';

const MAX_DELAY = 60000;
let count = null;
let userId = null;
let controller = null;
let timer = null;
let attempt = 0;
let retryMillis = 1000;
let lastEventId = null;
let open = false;
const countListeners = new Set();
const eventListeners = new Set();

/** The unread count the server last sent, or null before the first (and without a session). */
export function unreadCount() {
  return count;
}

/** fn(count) on every change of the unread count; answers a function that stops listening. */
export function onUnreadCount(fn) {
  countListeners.add(fn);
  return () => countListeners.delete(fn);
}

/** fn({type, data}) for each event: notification, read {id}, read-all, deleted {id}; answers an unsubscribe. */
export function onNotificationEvent(fn) {
  eventListeners.add(fn);
  return () => eventListeners.delete(fn);
}

/** How many listen to the stream (the bell, an open inbox): a harmless look inside, for the browser tests. */
export function listenerCount() {
  return countListeners.size + eventListeners.size;
}

/** A path inside this app ("/articles/x#comment-1"), or null: never another origin, never "//host". */
export function safePath(path) {
  if (typeof path !== 'string' || !/^\/(?![/\\])/.test(path)) return null;
  try {
    return new URL(path, location.origin).origin === location.origin ? path : null;
  } catch (e) {
    return null;
  }
}

/** After a change made here, when no stream is open to report the new count: ask for it. */
export async function recount() {
  if (open || !userId) return;
  try {
    setCount((await api('GET', '/api/notifications/unread-count')).count);
  } catch (e) {
    // The bell keeps its last count; the stream corrects it when it comes back.
  }
}

function setCount(next) {
  if (next === count) return;
  count = next;
  countListeners.forEach((fn) => fn(count));
}

function stop() {
  clearTimeout(timer);
  timer = null;
  if (controller) controller.abort();
  controller = null;
  open = false;
  attempt = 0;
  lastEventId = null;
  setCount(null);
}

onSession((user) => {
  const next = user ? user.id : null;
  if (next === userId) return;
  stop();
  userId = next;
  if (userId) connect();
});
// Signing out ends the session on the server, which ends the stream: stop first, so that it is not reopened.
beforeSignOut(() => { userId = null; stop(); });
window.addEventListener('online', () => {
  if (timer) { clearTimeout(timer); timer = null; connect(); }
});

async function connect() {
  const mine = new AbortController();
  controller = mine;
  let openedAt = 0;
  try {
    const token = await accessTokenNow();
    if (!token || controller !== mine) return;
    const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${token}` };
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    const response = await fetch('/api/notifications/stream', {
      headers, signal: mine.signal, credentials: 'same-origin', cache: 'no-store',
    });
    if (response.status === 401) {
      // The token died under us (revoked, expired): a new one, or the session is over and the app signs out.
      if (!(await refresh())) return;
    } else if (response.status === 400) {
      // The server no longer takes the last id (say, the data was reset): resume without it.
      lastEventId = null;
    } else if (response.ok && response.body) {
      open = true;
      openedAt = Date.now();
      await read(response.body.getReader());
    }
  } catch (e) {
    // A dropped connection or a server that is restarting: try again below. An abort means we stopped.
  } finally {
    if (controller === mine) open = false;
  }
  if (controller !== mine || mine.signal.aborted || !userId) return;
  // A stream that lived a while was healthy: start the backoff again from the server's retry hint.
  if (openedAt && Date.now() - openedAt > 15000) attempt = 0;
  const delay = Math.min(MAX_DELAY, retryMillis * 2 ** attempt) * (0.75 + Math.random() / 2);
  attempt = Math.min(attempt + 1, 10);
  timer = setTimeout(() => { timer = null; connect(); }, delay);
}

/** Reads the stream to its end, dispatching each event as its blank line arrives (the SSE format). */
async function read(reader) {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = { type: '', data: [], id: undefined };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let start = 0;
    for (let i = 0; i < buffer.length; i++) {
      const c = buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
      if (c === '\r' && i === buffer.length - 1) break;
      const line = buffer.slice(start, i);
      if (c === '\r' && buffer[i + 1] === '\n') i++;
      start = i + 1;
      if (line === '') {
        dispatch(event);
        event = { type: '', data: [], id: undefined };
      } else if (!line.startsWith(':')) {
        field(event, line);
      }
    }
    buffer = buffer.slice(start);
  }
}

function field(event, line) {
  const colon = line.indexOf(':');
  const name = colon < 0 ? line : line.slice(0, colon);
  let value = colon < 0 ? '' : line.slice(colon + 1);
  if (value.startsWith(' ')) value = value.slice(1);
  if (name === 'event') event.type = value;
  else if (name === 'data') event.data.push(value);
  else if (name === 'id' && !value.includes('\0')) event.id = value;
  else if (name === 'retry' && /^\d+$/.test(value)) retryMillis = Math.max(1000, Number(value));
}

function dispatch(event) {
  if (event.id !== undefined) lastEventId = event.id || null;
  if (!event.data.length) return;
  let data;
  try {
    data = JSON.parse(event.data.join('\n'));
  } catch (e) {
    return;
  }
  const type = event.type || 'message';
  if (type === 'unread') {
    if (typeof data.count === 'number') setCount(data.count);
    return;
  }
  eventListeners.forEach((fn) => fn({ type, data }));
}

// Web Push on this browser: the service worker (/sw.js), the permission, the subscription made with the
// server's VAPID key, and its registration with the server (POST/DELETE /api/push/subscriptions). The server's
// id for this browser's subscription is kept in localStorage with the account it belongs to, so that signing
// out can delete it while the session still works: the next person on a shared computer must not get the
// previous user's pushes.
import { api, beforeSignOut, onSession } from './api.js';

const KEY = 'gerbang.push';
const SUBSCRIBE_MILLIS = 20000;

/** 'ok', 'unsupported' (no service worker or Push API), 'insecure' (not https or localhost) or 'denied'. */
export function pushSupport() {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return 'unsupported';
  if (!window.isSecureContext) return 'insecure';
  if (Notification.permission === 'denied') return 'denied';
  return 'ok';
}

/** A failure with a reason the settings screen can explain: denied, dismissed, unsupported, subscribe, timeout. */
export class PushError extends Error {
  constructor(reason, cause) {
    super(reason);
    this.reason = reason;
    this.cause = cause;
  }
}

function saved() {
  try {
    return JSON.parse(localStorage.getItem(KEY) || 'null');
  } catch (e) {
    return null;
  }
}

async function browserSubscription() {
  if (pushSupport() === 'unsupported') return null;
  const registration = await navigator.serviceWorker.getRegistration('/');
  return registration ? registration.pushManager.getSubscription() : null;
}

/** The server's id of this browser's subscription when it is the signed-in user's, else null. */
export async function thisBrowser(user) {
  const record = saved();
  if (!user || !record || record.userId !== user.id) return null;
  const subscription = await browserSubscription();
  return subscription && subscription.endpoint === record.endpoint ? record.id : null;
}

/** Registers the service worker (idempotent) and waits until it is active. */
export async function registerWorker() {
  const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  const worker = registration.installing || registration.waiting;
  if (worker && !registration.active) {
    await new Promise((resolve) => {
      worker.addEventListener('statechange', () => { if (worker.state === 'activated' || worker.state === 'redundant') resolve(); });
    });
  }
  return registration;
}

/** Asks for permission, subscribes with the VAPID key, and registers the subscription; answers its id. */
export async function enablePush(user) {
  if (pushSupport() === 'unsupported' || pushSupport() === 'insecure') throw new PushError('unsupported');
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new PushError(permission === 'denied' ? 'denied' : 'dismissed');
  const registration = await registerWorker();
  const { publicKey } = await api('GET', '/api/push/vapid-public-key');
  const key = fromBase64Url(publicKey);
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameBytes(subscription.options.applicationServerKey, key)) {
    // Made with another server key (the keys were replaced): the push service would refuse our messages.
    await subscription.unsubscribe();
    subscription = null;
  }
  if (!subscription) {
    // The browser registers with its vendor's push service first; unreachable, that can hang for minutes.
    let timer;
    const late = new Promise((resolve, reject) => { timer = setTimeout(() => reject(new PushError('timeout')), SUBSCRIBE_MILLIS); });
    try {
      subscription = await Promise.race([registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }), late]);
    } catch (error) {
      throw error instanceof PushError ? error : new PushError('subscribe', error);
    } finally {
      clearTimeout(timer);
    }
  }
  const { id } = await api('POST', '/api/push/subscriptions', subscription.toJSON());
  localStorage.setItem(KEY, JSON.stringify({ id, userId: user.id, endpoint: subscription.endpoint }));
  return id;
}

/** Deletes this browser's subscription on the server (while signed in) and ends it in the browser. */
export async function disablePush() {
  const record = saved();
  localStorage.removeItem(KEY);
  try {
    if (record && record.id) await api('DELETE', `/api/push/subscriptions/${encodeURIComponent(record.id)}`);
  } catch (error) {
    if (error.status !== 404) throw error;
  } finally {
    const subscription = await browserSubscription().catch(() => null);
    if (subscription) await subscription.unsubscribe().catch(() => false);
  }
}

/** At most a few seconds: signing out must not hang on a slow push service. */
beforeSignOut(() => Promise.race([disablePush(), new Promise((resolve) => { setTimeout(resolve, 4000); })]));

// A session that started here for someone else than the subscription's owner (the last one ended without a
// sign-out, for example when it expired): end that subscription in the browser, so that the push service
// forgets it and the server drops it at its next push.
let lastUser = null;
onSession((user) => {
  const id = user ? user.id : null;
  if (!id || id === lastUser) { lastUser = id; return; }
  lastUser = id;
  const record = saved();
  if (record && record.userId === id) return;
  browserSubscription().then((subscription) => {
    if (!subscription) return;
    localStorage.removeItem(KEY);
    return subscription.unsubscribe();
  }).catch(() => {});
});

function fromBase64Url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function sameBytes(buffer, bytes) {
  if (!buffer) return false;
  const a = new Uint8Array(buffer);
  return a.length === bytes.length && a.every((b, i) => b === bytes[i]);
}

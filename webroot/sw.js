// Gerbang's service worker, for Web Push only: it shows each push as a notification and, when one is clicked,
// brings the app to where it leads. No caching, no offline pages: every request goes to the network as usual.
// The payload is {id, type, title, body, path}, already in the user's language; notifications show it as text.

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** A path inside this app, or '/': a push must never open another site. */
function appPath(path) {
  if (typeof path !== 'string' || !/^\/(?![/\\])/.test(path)) return '/';
  try {
    return new URL(path, self.location.origin).origin === self.location.origin ? path : '/';
  } catch (e) {
    return '/';
  }
}

self.addEventListener('push', (event) => {
  let payload = {};
  try {
    payload = event.data ? event.data.json() : {};
  } catch (e) {
    payload = { body: event.data ? event.data.text() : '' };
  }
  const title = typeof payload.title === 'string' && payload.title ? payload.title : 'Gerbang';
  event.waitUntil(self.registration.showNotification(title, {
    body: typeof payload.body === 'string' ? payload.body : '',
    tag: payload.id ? String(payload.id) : undefined,
    icon: '/favicon.svg',
    data: { path: appPath(payload.path) },
  }));
});

/** Takes an open tab of the app to the path (the app routes it without a reload), or opens a new one there. */
async function openApp(path) {
  const tabs = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const tab = tabs.find((client) => new URL(client.url).origin === self.location.origin
    && !new URL(client.url).pathname.startsWith('/api/'));
  if (!tab) return self.clients.openWindow(path);
  tab.postMessage({ type: 'gerbang:navigate', path });
  // Allowed during a notification click; refused (and of no consequence) anywhere else.
  return tab.focus().catch(() => tab);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openApp(appPath(event.notification.data && event.notification.data.path)));
});

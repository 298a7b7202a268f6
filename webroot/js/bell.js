// The bell in the header: a link to /notifications whose label and badge carry the live unread count, and a
// polite live region that reads out a new notification's title as it arrives.
import { h } from './dom.js';
import { t } from './i18n.js';
import { onNotificationEvent, onUnreadCount, unreadCount } from './notify.js';

const SVG = 'http://www.w3.org/2000/svg';
const badge = h('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
const link = h('a', { href: '/notifications', class: 'bell' }, icon(), badge);
const live = h('div', { class: 'sr-only', 'aria-live': 'polite', id: 'notify-live' });
document.body.append(live);

function icon() {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '22');
  svg.setAttribute('height', '22');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Zm-2 1H7v-6a5 5 0 0 1 10 0v6Z');
  svg.append(path);
  return svg;
}

function update() {
  const n = unreadCount();
  const label = n === null ? t('notify.bell') : t('notify.bellCount', { n });
  link.setAttribute('aria-label', label);
  link.title = label;
  link.dataset.count = n === null ? '' : String(n);
  badge.textContent = n > 99 ? '99+' : String(n);
  badge.hidden = !n;
  // Signed out: the last title read out must not stay in the page for the next person.
  if (n === null) live.textContent = '';
}

onUnreadCount(update);
onNotificationEvent(({ type, data }) => {
  if (type === 'notification' && data && typeof data.title === 'string') live.textContent = t('notify.arrived', { title: data.title });
});

/** The bell, with its label in the current language, marked current on the notifications page. */
export function bell(pathname) {
  update();
  if (pathname === '/notifications') link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  return link;
}

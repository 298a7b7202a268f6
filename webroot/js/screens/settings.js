import { h } from '../dom.js';
import { t } from '../i18n.js';
import profile from './settings/profile.js';
import password from './settings/password.js';
import email from './settings/email.js';
import sessions from './settings/sessions.js';
import deleteAccount from './settings/delete-account.js';
import identities from './settings/identities.js';
import notifications from './settings/notifications.js';
import push from './settings/push.js';
import security from './settings/security.js';

/** Profile and settings: each section is its own module and its own form. */
export default function settingsScreen(ctx) {
  const sections = [profile, password, security, email, sessions, identities, notifications, push, deleteAccount];
  return h('section', { class: 'settings' },
    h('h1', {}, t('settings.title')),
    h('nav', { class: 'toc', 'aria-label': t('settings.sections') }, h('ul', {},
      sections.map((s) => h('li', {}, h('a', { href: `#${s.id}`, class: 'in-page' }, t(`settings.${s.id}.title`)))))),
    sections.map((s) => h('section', { id: s.id, class: 'card', 'aria-labelledby': `${s.id}-title` },
      h('h2', { id: `${s.id}-title` }, t(`settings.${s.id}.title`)), s.render(ctx))));
}

import { api, ApiError } from '../../api.js';
import { field, h, replace, select } from '../../dom.js';
import { describe, handle } from '../../forms.js';
import { t } from '../../i18n.js';
import { adminPage } from './layout.js';

const ROLES = ['user', 'editor', 'doctor', 'patient', 'admin'];
const POLL_MS = 1000;

/**
 * An admin's message to some accounts, a role, or everyone. The server answers 202 at once with a broadcast job
 * and reaches the recipients in batches; the page says so, then follows the job's status URL until it is done.
 * Each message gets an Idempotency-Key of its own: sent again after a failure that may have hidden the server's
 * answer (a network error, a timeout), it is answered with the job the first attempt made, never sent twice. A
 * success, or any edit, makes the next one a new message.
 */
export default function messagesScreen({ scope } = {}) {
  let key = newKey();
  const progress = h('section', { class: 'card', 'aria-labelledby': 'broadcast-progress-title', hidden: true });
  const following = follower(progress, scope);

  const audience = select({ name: 'audience', label: t('admin.messages.audience'), value: 'all', options: [
    ['all', t('admin.messages.toAll')], ['role', t('admin.messages.toRole')], ['users', t('admin.messages.toUsers')]] });
  audience.dataset.also = 'to';
  const role = select({ name: 'role', label: t('admin.messages.role'), value: 'user', options: ROLES.map((r) => [r, t(`role.${r}`)]) });
  role.dataset.also = 'to.role';
  const userIds = field({ name: 'userIds', label: t('admin.messages.userIds'), type: 'textarea', hint: t('admin.messages.userIdsHint'),
    attrs: { rows: 3, spellcheck: 'false' } });
  userIds.dataset.also = 'to.userIds';
  const showAudience = () => {
    const chosen = audience.querySelector('select').value;
    role.hidden = chosen !== 'role';
    userIds.hidden = chosen !== 'users';
  };
  audience.querySelector('select').addEventListener('change', showAudience);
  showAudience();

  const form = handle(h('form', { class: 'card', 'aria-labelledby': 'compose-title' },
    h('h2', { id: 'compose-title' }, t('admin.messages.compose')),
    h('p', { class: 'meta' }, t('admin.messages.intro')),
    field({ name: 'title', label: t('admin.messages.fieldTitle'), required: true, attrs: { maxlength: 120 } }),
    field({ name: 'body', label: t('admin.messages.fieldBody'), type: 'textarea', required: true, attrs: { rows: 4, maxlength: 800 } }),
    field({ name: 'path', label: t('admin.messages.fieldPath'), hint: t('admin.messages.pathHint') }),
    audience, role, userIds,
    h('button', { type: 'submit', class: 'button' }, t('admin.messages.send'))),
  async (values) => {
    const message = { title: values.title, body: values.body, to: target(values) };
    if (values.path) message.path = values.path;
    const job = await api('POST', '/api/admin/notifications', message, { headers: { 'Idempotency-Key': key } });
    key = newKey();
    following.show(job);
  });
  // Another text or audience is another message, with a key of its own.
  form.addEventListener('input', () => { key = newKey(); });
  form.addEventListener('change', () => { key = newKey(); });
  return adminPage('admin.messages.title', progress, form);
}

/** A random key: crypto.randomUUID() exists only on https (or localhost); getRandomValues everywhere. */
function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function target({ audience, role, userIds }) {
  if (audience === 'role') return { role };
  if (audience === 'users') return { userIds: (userIds || '').split(/[\s,]+/).filter(Boolean) };
  return { all: true };
}

/**
 * Shows a job in the box and polls its status URL every second until it is done, the page is left, or another
 * job replaces it. With the router's screen scope (ctx.scope), the timer and the read end with the screen
 * (scope.timeout, scope.api); without one, the poll stops once the box has left the document.
 */
function follower(box, scope) {
  let cancel = () => {};
  let showing = 0; // which job the box shows: a newer send replaces the older one's polling
  const later = (fn, ms) => {
    if (scope) return scope.timeout(fn, ms);
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  };
  const read = (path) => (scope ? scope.api('GET', path) : api('GET', path));
  const render = (job, problem) => {
    const reached = job.recipients;
    const line = job.done ? t('admin.messages.done', { n: reached })
      : job.status === 'queued' ? t('admin.messages.queued') : t('admin.messages.running', { n: reached });
    replace(box,
      h('h2', { id: 'broadcast-progress-title' }, job.title),
      h('p', { class: 'notice ok', role: 'status' }, t('admin.messages.accepted')),
      h('p', { class: 'broadcast-status', dataset: { status: job.status } },
        job.done ? null : h('progress', { 'aria-label': t('admin.messages.progress') }), ' ', line),
      problem ? h('p', { class: 'notice bad', role: 'alert' }, problem) : null);
    box.hidden = false;
  };
  const poll = (job, which) => {
    const left = () => which !== showing || !box.isConnected;
    cancel = later(async () => {
      if (left()) return;
      try {
        const now = await read(job.statusUrl);
        if (left()) return;
        render(now);
        if (!now.done) poll(now, which);
      } catch (error) {
        if (left()) return;
        render(job, describe(error));
        // A 4xx will not change by asking again (the job is gone, the session ended); anything else may.
        if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500 || error.status === 429) poll(job, which);
      }
    }, POLL_MS);
  };
  return {
    show(job) {
      cancel();
      showing += 1;
      render(job);
      if (!job.done) poll(job, showing);
    },
  };
}

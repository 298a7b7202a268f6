import { field, formatDate, h } from '../../dom.js';
import { handle, showErrors } from '../../forms.js';
import { lang, t } from '../../i18n.js';
import { adminPage, pagedTable } from './layout.js';

// The events the server records today; the filter takes any text, these are suggestions.
const EVENTS = ['register', 'login', 'login_failed', 'login_refused', 'login_locked', 'logout', 'logout_all',
  'refresh_reuse', 'session_revoked', 'password_changed', 'password_reset', 'email_verified',
  'email_change_requested', 'email_changed', 'account_deleted', 'oauth_login', 'oauth_failed',
  'oauth_sign_up_pending', 'identity_linked', 'identity_unlinked', 'mfa_totp_enrolled', 'mfa_totp_removed',
  'mfa_recovery_codes_regenerated', 'mfa_recovery_code_used', 'mfa_passkey_added', 'mfa_passkey_renamed',
  'mfa_passkey_removed', 'mfa_reset', 'mfa_policy_changed', 'mfa_succeeded', 'mfa_failed', 'passkey_login_failed',
  'medical_record_created', 'medical_record_updated', 'medical_record_deleted', 'medical_record_read',
  'medical_records_listed', 'medical_record_denied', 'patient_profile_saved', 'doctor_profile_saved',
  'care_team_assigned', 'care_team_unassigned', 'order_placed', 'payment_started', 'payment_event',
  'order_paid', 'order_refunded', 'order_cancelled', 'order_expired', 'order_failed',
  'product_created', 'product_updated', 'push_subscribed', 'push_unsubscribed', 'push_device_registered',
  'push_device_removed', 'admin_user_updated', 'role_granted', 'admin_sessions_revoked', 'admin_mail_retried', 'admin_message_sent',
  'admin_patient_created', 'admin_patient_updated', 'admin_doctor_created', 'admin_doctor_updated',
  'signing_key_rotated', 'webhook_endpoint_created', 'webhook_endpoint_updated', 'webhook_endpoint_deleted',
  'webhook_endpoint_disabled', 'webhook_secret_rotated', 'webhook_test_sent', 'webhook_delivery_resent'];
const FILTERS = ['event', 'userId', 'from', 'to'];

/** The audit trail, newest first, filtered by event, user and dates (inclusive). */
export default function auditScreen({ query, navigate, scope }) {
  const table = pagedTable({
    head: ['admin.audit.at', 'admin.audit.event', 'admin.audit.user', 'admin.audit.ip', 'admin.audit.detail'],
    fetchPage: (cursor) => {
      const params = new URLSearchParams();
      for (const key of FILTERS) if (query.get(key)) params.set(key, query.get(key));
      if (cursor) params.set('cursor', cursor);
      return scope.api('GET', `/api/admin/audit?${params}`);
    },
    renderRow: (e) => h('tr', {},
      h('td', {}, formatDate(e.at, lang())),
      h('td', {}, h('code', {}, e.event)),
      h('td', { class: 'mono' }, e.userId ? h('a', { href: `/admin/users/${encodeURIComponent(e.userId)}` }, short(e.userId)) : '—',
        e.actorId && e.actorId !== e.userId ? h('div', { class: 'meta' }, t('admin.audit.by', { id: short(e.actorId) })) : null),
      h('td', {}, e.ip || '—'),
      h('td', { class: 'detail' }, e.detail ? JSON.stringify(e.detail) : '')),
  });
  const list = h('datalist', { id: 'audit-events' }, EVENTS.map((e) => h('option', { value: e })));
  const filters = handle(h('form', { class: 'filters', role: 'search' },
    field({ name: 'event', label: t('admin.audit.event'), value: query.get('event') || '', attrs: { list: 'audit-events' } }), list,
    field({ name: 'userId', label: t('admin.audit.userId'), value: query.get('userId') || '' }),
    field({ name: 'from', label: t('admin.audit.from'), type: 'date', value: query.get('from') || '' }),
    field({ name: 'to', label: t('admin.audit.to'), type: 'date', value: query.get('to') || '' }),
    h('button', { type: 'submit', class: 'button' }, t('admin.filter'))),
  async (values) => {
    const params = new URLSearchParams(Object.entries(values).filter(([, v]) => v));
    const target = `/admin/audit${params.toString() ? `?${params}` : ''}`;
    if (target === location.pathname + location.search) await table.load(true);
    else await navigate(target);
  });
  table.load(true).catch((error) => showErrors(filters, error));
  return adminPage('admin.audit.title', filters, table.element);
}

const short = (id) => (id.length > 13 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id);

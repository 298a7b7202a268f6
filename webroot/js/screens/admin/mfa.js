import { api } from '../../api.js';
import { h, replace } from '../../dom.js';
import { describe, handle, notice } from '../../forms.js';
import { t } from '../../i18n.js';
import { ROLES } from './users.js';

/** The roles that must sign in with a second factor (PUT /api/admin/mfa/policy): on the system page. */
export function mfaPolicyCard(scope) {
  const card = h('section', { class: 'card', id: 'mfa-policy', 'aria-labelledby': 'mfa-policy-title' },
    h('h2', { id: 'mfa-policy-title' }, t('admin.mfa.policy')), h('p', {}, t('common.loading')));
  scope.api('GET', '/api/admin/mfa/policy').then((policy) => {
    const form = handle(h('form', {},
      h('p', { class: 'hint' }, t('admin.mfa.policyHint')),
      h('fieldset', {}, h('legend', {}, t('admin.mfa.roles')), ROLES.map((role) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'role', value: role, checked: policy.requiredRoles.includes(role) }), ` ${t(`role.${role}`)}`))),
      h('button', { type: 'submit', class: 'button' }, t('common.save'))),
    async (values, f) => {
      const requiredRoles = [...f.querySelectorAll('input[name=role]:checked')].map((i) => i.value);
      await api('PUT', '/api/admin/mfa/policy', { requiredRoles });
      notice(f, t('admin.mfa.saved')).focus();
    });
    replace(card, h('h2', { id: 'mfa-policy-title' }, t('admin.mfa.policy')), form);
  }).catch((error) => replace(card, h('p', { class: 'notice bad', role: 'alert' }, describe(error))));
  return card;
}

/** A user's second factors and the reset (DELETE /api/admin/users/{id}/mfa): on the user page. */
export function userFactorsCard(userId, scope) {
  const card = h('section', { class: 'card', id: 'mfa-card', 'aria-labelledby': 'mfa-title' });
  const load = async () => {
    try {
      const f = await scope.api('GET', `/api/admin/users/${encodeURIComponent(userId)}/mfa`);
      const reset = h('button', { type: 'button', class: 'button secondary danger', disabled: !f.totp && !f.passkeys.length },
        t('admin.mfa.reset'));
      reset.addEventListener('click', async () => {
        if (!window.confirm(t('admin.mfa.resetConfirm'))) return; // eslint-disable-line no-alert
        reset.disabled = true;
        try {
          await api('DELETE', `/api/admin/users/${encodeURIComponent(userId)}/mfa`);
          await load();
        } catch (error) {
          reset.disabled = false;
          card.append(h('p', { class: 'notice bad', role: 'alert' }, describe(error)));
        }
      });
      replace(card, h('h2', { id: 'mfa-title' }, t('admin.mfa.factors')),
        h('ul', {},
          h('li', { dataset: { factor: 'totp' } }, t(f.totp ? 'admin.mfa.totpOn' : 'admin.mfa.totpOff')),
          h('li', {}, t('admin.mfa.codesLeft', { count: f.recoveryCodesLeft })),
          h('li', { dataset: { factor: 'passkeys' } }, t('admin.mfa.passkeys', { count: f.passkeys.length }),
            f.passkeys.length ? `: ${f.passkeys.map((p) => p.name).join(', ')}` : '')),
        reset);
    } catch (error) {
      replace(card, h('p', { class: 'notice bad', role: 'alert' }, describe(error)));
    }
  };
  load();
  return card;
}

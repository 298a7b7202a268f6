import { api } from '../../api.js';
import { field, formatDate, h, replace } from '../../dom.js';
import { describe, handle } from '../../forms.js';
import { lang, t } from '../../i18n.js';
import { recoveryCodesView, totpSetup } from '../../mfa.js';
import { createCredential, passkeysSupported } from '../../webauthn.js';

/**
 * Second factors: an authenticator app (QR code, secret, first code), recovery codes (shown once), passkeys (add,
 * rename, remove). Changes need a recent sign-in, or the password typed here.
 */
export default {
  id: 'security',
  render({ scope }) {
    const box = h('div', { 'aria-live': 'polite' }, h('p', {}, t('common.loading')));
    const password = field({ name: 'password', label: t('settings.security.password'), type: 'password',
      autocomplete: 'current-password', hint: t('settings.security.passwordHint') });
    const proof = () => {
      const value = password.querySelector('input').value;
      return value ? { password: value } : {};
    };
    const alert = (error) => h('p', { class: 'notice bad', role: 'alert' }, describe(error));
    const act = (label, run, attrs = {}) => {
      const button = h('button', { type: 'button', class: 'button small secondary', ...attrs }, label);
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await run();
        } catch (error) {
          button.disabled = false;
          box.prepend(alert(error));
        }
      });
      return button;
    };
    const show = (...content) => replace(box, ...content);
    const load = async () => {
      try {
        const factors = await scope.api('GET', '/api/me/mfa');
        const totp = factors.totp
          ? h('div', {}, h('p', { 'data-totp': 'on' }, t('settings.security.totpOn')),
            act(t('settings.security.totpRemove'), async () => { await api('DELETE', '/api/me/mfa/totp', proof()); await load(); }))
          : h('div', {}, h('p', { 'data-totp': 'off' }, t('settings.security.totpOff')),
            act(t('settings.security.totpAdd'), async () => {
              const started = await api('POST', '/api/me/mfa/totp', proof());
              show(totpSetup(started, async (code) => {
                const { recoveryCodes } = await api('POST', '/api/me/mfa/totp/confirm', { code });
                if (recoveryCodes) show(recoveryCodesView(recoveryCodes, load)); else await load();
              }));
            }, { 'data-totp-add': '' }));
        const codes = factors.totp || factors.passkeys.length
          ? h('div', {}, h('p', {}, t('settings.security.codesLeft', { count: factors.recoveryCodesLeft })),
            act(t('settings.security.codesNew'), async () => {
              const { recoveryCodes } = await api('POST', '/api/me/mfa/recovery-codes', proof());
              show(recoveryCodesView(recoveryCodes, load));
            }))
          : null;
        const name = field({ name: 'passkeyName', label: t('settings.security.passkeyName'), value: t('settings.security.passkeyDefault') });
        const add = passkeysSupported() ? act(t('settings.security.passkeyAdd'), async () => {
          const { challengeId, publicKey } = await api('POST', '/api/me/passkeys/options', proof());
          const credential = await createCredential(publicKey);
          const added = await api('POST', '/api/me/passkeys', { challengeId, credential, name: name.querySelector('input').value || 'Passkey' });
          if (added.recoveryCodes) show(recoveryCodesView(added.recoveryCodes, load)); else await load();
        }, { 'data-passkey-add': '' }) : h('p', {}, t('settings.security.noPasskeys'));
        show(
          factors.required ? h('p', { class: 'notice' }, t('settings.security.required')) : null,
          h('h3', {}, t('settings.security.totp')), totp,
          h('h3', {}, t('settings.security.passkeys')),
          h('ul', { class: 'sessions' }, factors.passkeys.map((p) => passkeyRow(p, act, load, proof))),
          name, add,
          codes ? h('h3', {}, t('settings.security.codes')) : null, codes);
      } catch (error) {
        show(alert(error), h('button', { type: 'button', class: 'button small', onclick: load }, t('common.retry')));
      }
    };
    load();
    return h('div', {}, password, box);
  },
};

function passkeyRow(passkey, act, reload, proof) {
  const row = h('li', { class: 'session', dataset: { passkey: passkey.id } });
  const meta = h('p', { class: 'meta' }, t('settings.security.passkeyMeta', {
    created: formatDate(passkey.createdAt, lang()),
    used: passkey.lastUsedAt ? formatDate(passkey.lastUsedAt, lang()) : t('settings.security.never'),
  }));
  const view = () => replace(row,
    h('div', {}, h('strong', {}, passkey.name), meta),
    h('button', { type: 'button', class: 'button small secondary', onclick: edit }, t('settings.security.rename')),
    act(t('settings.security.remove'), async () => {
      await api('DELETE', `/api/me/passkeys/${encodeURIComponent(passkey.id)}`, proof());
      await reload();
    }));
  // Renamed in place: a form in the row, not a browser prompt (which a screen reader and a phone handle badly).
  function edit() {
    const name = field({ name: 'name', label: t('settings.security.renameLabel'), value: passkey.name, required: true,
      attrs: { maxlength: 60 } });
    const form = handle(h('form', { class: 'passkey-rename' }, name,
      h('button', { type: 'submit', class: 'button small' }, t('common.save')),
      h('button', { type: 'button', class: 'button small secondary', onclick: view }, t('common.cancel'))),
    async (values) => {
      await api('PATCH', `/api/me/passkeys/${encodeURIComponent(passkey.id)}`, { name: values.name });
      await reload();
    });
    form.addEventListener('keydown', (event) => { if (event.key === 'Escape') view(); });
    replace(row, form);
    const input = form.querySelector('input');
    input.focus();
    input.select();
  }
  return view();
}

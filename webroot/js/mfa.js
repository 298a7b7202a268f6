// The second step of a sign-in (a code, a recovery code or a passkey), the enrolment the role policy may ask for
// first, and the recovery codes shown once: shared by the sign-in screen and Settings → Security.
import { publicPost, signInWith } from './api.js';
import { field, h, replace } from './dom.js';
import { handle } from './forms.js';
import { t } from './i18n.js';
import { qrSvg } from './qr.js';
import { createCredential, getCredential, passkeysSupported } from './webauthn.js';

/** Ten recovery codes, shown once, with copy and download; onDone continues. */
export function recoveryCodesView(codes, onDone) {
  const text = codes.join('\n');
  const copy = h('button', { type: 'button', class: 'button small secondary' }, t('mfa.codes.copy'));
  copy.addEventListener('click', () => navigator.clipboard?.writeText(text).then(() => { copy.textContent = t('mfa.codes.copied'); }));
  const download = h('a', {
    class: 'button small secondary', download: 'recovery-codes.txt',
    href: URL.createObjectURL(new Blob([`${text}\n`], { type: 'text/plain' })),
  }, t('mfa.codes.download'));
  return h('div', { class: 'recovery-codes', 'data-recovery-codes': '' },
    h('p', { class: 'notice ok', role: 'status' }, t('mfa.codes.once')),
    h('ul', { class: 'codes' }, codes.map((c) => h('li', {}, h('code', {}, c)))),
    h('p', {}, copy, ' ', download),
    onDone ? h('button', { type: 'button', class: 'button', onclick: onDone }, t('mfa.codes.done')) : null);
}

/** The QR code and the secret of a new authenticator app, and the form for its first code. */
export function totpSetup({ secret, uri }, onCode) {
  const form = handle(h('form', { class: 'totp-confirm' },
    field({ name: 'code', label: t('mfa.totp.firstCode'), autocomplete: 'one-time-code', required: true,
      attrs: { inputmode: 'numeric', pattern: '[0-9]{6}', maxlength: '6' } }),
    h('button', { type: 'submit', class: 'button' }, t('mfa.totp.confirm'))), ({ code }) => onCode(code.trim()));
  return h('div', { class: 'totp-setup' },
    h('p', {}, t('mfa.totp.scan')),
    qrSvg(uri, { label: t('mfa.totp.qr') }),
    h('p', {}, t('mfa.totp.orType'), ' ', h('code', { 'data-totp-secret': '' }, secret)),
    form);
}

/** The sign-in's second step for a pending {mfaToken, methods, enrolmentRequired}; done(pair) after the session opened. */
export function secondStep(pending, done) {
  const box = h('div', { class: 'card second-step', 'aria-live': 'polite' });
  const finish = (pair) => (pair.recoveryCodes ? replace(box, recoveryCodesView(pair.recoveryCodes, () => done(pair))) : done(pair));
  const failure = (error) => h('p', { class: 'notice bad', role: 'alert' }, error.problem?.detail || error.message);
  const passkeyButton = (label, run) => {
    const button = h('button', { type: 'button', class: 'button secondary', 'data-passkey': '' }, label);
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await run();
      } catch (error) {
        button.disabled = false;
        button.after(failure(error));
      }
    });
    return button;
  };
  const token = pending.mfaToken;
  if (pending.enrolmentRequired) {
    const app = h('button', { type: 'button', class: 'button' }, t('mfa.enrol.app'));
    app.addEventListener('click', async () => {
      const started = await publicPost('/api/auth/mfa/enrol/totp', { mfaToken: token });
      replace(box, h('h2', {}, t('mfa.enrol.title')), totpSetup(started, async (code) => finish(await signInWith('/api/auth/mfa', { mfaToken: token, code }))));
    });
    replace(box, h('h2', {}, t('mfa.enrol.title')), h('p', {}, t('mfa.enrol.why')), app,
      passkeysSupported() ? passkeyButton(t('mfa.enrol.passkey'), async () => {
        const { challengeId, publicKey } = await publicPost('/api/auth/mfa/enrol/passkey/options', { mfaToken: token });
        const credential = await createCredential(publicKey);
        finish(await signInWith('/api/auth/mfa', { mfaToken: token, challengeId, credential }));
      }) : null);
    return box;
  }
  let mode = pending.methods.includes('totp') ? 'code' : 'recoveryCode';
  const form = h('form', {});
  const render = () => {
    replace(form,
      field(mode === 'code'
        ? { name: 'code', label: t('mfa.step.code'), autocomplete: 'one-time-code', required: true, attrs: { inputmode: 'numeric', maxlength: '6' } }
        : { name: 'recoveryCode', label: t('mfa.step.recovery'), autocomplete: 'off', required: true }),
      h('button', { type: 'submit', class: 'button' }, t('mfa.step.submit')));
    form.querySelector('input').focus();
  };
  handle(form, async (values) => finish(await signInWith('/api/auth/mfa', { mfaToken: token, ...values })));
  render();
  const other = pending.methods.includes('totp') && pending.methods.includes('recovery')
    ? h('button', { type: 'button', class: 'link' }, t('mfa.step.useRecovery')) : null;
  other?.addEventListener('click', () => {
    mode = mode === 'code' ? 'recoveryCode' : 'code';
    other.textContent = t(mode === 'code' ? 'mfa.step.useRecovery' : 'mfa.step.useCode');
    render();
  });
  replace(box, h('h2', {}, t('mfa.step.title')),
    pending.methods.some((m) => m !== 'passkey') ? form : null, other,
    pending.methods.includes('passkey') && passkeysSupported() ? passkeyButton(t('mfa.step.passkey'), async () => {
      const { challengeId, publicKey } = await publicPost('/api/auth/mfa/passkey/options', { mfaToken: token });
      const credential = await getCredential(publicKey);
      finish(await signInWith('/api/auth/mfa', { mfaToken: token, challengeId, credential }));
    }) : null);
  return box;
}

/** "Sign in with a passkey": a discoverable credential, no email typed. */
export async function passkeySignIn() {
  const { challengeId, publicKey } = await publicPost('/api/auth/passkey/options', {});
  const credential = await getCredential(publicKey);
  return signInWith('/api/auth/passkey', { challengeId, credential });
}

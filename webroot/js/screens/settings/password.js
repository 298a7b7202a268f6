import { api } from '../../api.js';
import { field, h } from '../../dom.js';
import { handle, notice } from '../../forms.js';
import { t } from '../../i18n.js';
import { passwordRules } from '../../password-rules.js';
import { currentUser } from '../../session.js';

/** POST /api/me/password: the API ends every other session of the account. */
export default {
  id: 'password',
  render() {
    const next = field({ name: 'newPassword', label: t('field.newPassword'), type: 'password', autocomplete: 'new-password', required: true });
    next.append(passwordRules(next.querySelector('input'), () => currentUser()?.email || ''));
    const form = handle(h('form', {},
      field({ name: 'currentPassword', label: t('field.currentPassword'), type: 'password', autocomplete: 'current-password', required: true }),
      next,
      h('button', { type: 'submit', class: 'button' }, t('settings.password.submit'))),
    async (values) => {
      const result = await api('POST', '/api/me/password', values);
      form.reset();
      next.querySelector('.rules').replaceChildren();
      notice(form, t('settings.password.done', { n: result.sessionsRevoked })).focus();
      document.dispatchEvent(new CustomEvent('gerbang:sessions-changed'));
    });
    return form;
  },
};

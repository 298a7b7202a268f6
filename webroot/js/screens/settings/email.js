import { api } from '../../api.js';
import { field, h } from '../../dom.js';
import { handle, notice } from '../../forms.js';
import { t } from '../../i18n.js';
import { currentUser } from '../../session.js';

/** POST /api/me/email: the change happens when the link mailed to the new address is opened. */
export default {
  id: 'email',
  render() {
    const user = currentUser();
    const form = handle(h('form', {},
      h('p', {}, t('settings.email.current'), ' ', h('strong', {}, user.email), ' ',
        h('span', { class: `tag ${user.emailVerified ? 'ok' : 'warn'}` }, t(user.emailVerified ? 'settings.email.verified' : 'settings.email.unverified'))),
      field({ name: 'newEmail', label: t('field.newEmail'), type: 'email', autocomplete: 'email', required: true }),
      field({ name: 'password', label: t('field.currentPassword'), type: 'password', autocomplete: 'current-password', required: true }),
      h('button', { type: 'submit', class: 'button' }, t('settings.email.submit'))),
    async (values) => {
      await api('POST', '/api/me/email', values);
      form.querySelector('[name=password]').value = '';
      notice(form, t('settings.email.sent', { email: values.newEmail })).focus();
    });
    return form;
  },
};

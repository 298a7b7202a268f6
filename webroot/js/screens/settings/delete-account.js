import { api, forget } from '../../api.js';
import { field, h } from '../../dom.js';
import { handle } from '../../forms.js';
import { t } from '../../i18n.js';

/** DELETE /api/me with the password: no undo, so the button says exactly what happens. */
export default {
  id: 'delete',
  render({ navigate }) {
    return handle(h('form', { class: 'danger' },
      h('p', {}, t('settings.delete.warning')),
      field({ name: 'password', label: t('field.currentPassword'), type: 'password', autocomplete: 'current-password', required: true }),
      h('button', { type: 'submit', class: 'button danger' }, t('settings.delete.submit'))),
    async ({ password }) => {
      await api('DELETE', '/api/me', { password });
      forget();
      navigate('/?deleted=1', { replace: true });
    });
  },
};

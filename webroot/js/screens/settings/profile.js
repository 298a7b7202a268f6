import { api } from '../../api.js';
import { field, h, select } from '../../dom.js';
import { handle, notice } from '../../forms.js';
import { LANGUAGES, t } from '../../i18n.js';
import { currentUser, updateUser } from '../../session.js';

/** Name, username, avatar URL, bio and language: PATCH /api/me with what changed. */
export default {
  id: 'profile',
  render() {
    const user = currentUser();
    const avatar = h('img', { class: 'avatar', alt: '', width: 64, height: 64 });
    // The CSP lets images come from https: or this server only; another http: picture is not shown.
    const showable = (url) => url && (url.startsWith('https:') || url.startsWith(`${location.origin}/`));
    const showAvatar = (url) => { avatar.hidden = !showable(url); if (showable(url)) avatar.src = url; };
    showAvatar(user.avatarUrl);
    const form = handle(h('form', {},
      h('div', { class: 'with-avatar' }, avatar, h('div', {},
        field({ name: 'name', label: t('field.name'), value: user.name, autocomplete: 'name', required: true }),
        field({ name: 'username', label: t('field.username'), value: user.username, autocomplete: 'username', hint: t('field.usernameHint') }))),
      field({ name: 'avatarUrl', label: t('field.avatarUrl'), type: 'url', value: user.avatarUrl, autocomplete: 'photo', hint: t('field.avatarHint') }),
      field({ name: 'bio', label: t('field.bio'), type: 'textarea', value: user.bio, attrs: { rows: 3, maxlength: 500 } }),
      select({ name: 'locale', label: t('field.locale'), options: LANGUAGES, value: user.locale || 'en' }),
      h('button', { type: 'submit', class: 'button' }, t('common.save'))),
    async (values) => {
      const me = currentUser();
      const changes = {};
      for (const key of ['name', 'username', 'avatarUrl', 'bio', 'locale']) {
        const before = me[key] ?? '';
        if (values[key] !== before) changes[key] = key === 'username' && values[key] === '' ? null : values[key];
      }
      if (!Object.keys(changes).length) { notice(form, t('settings.nothingChanged'), 'info'); return; }
      const updated = await api('PATCH', '/api/me', changes);
      showAvatar(updated.avatarUrl);
      updateUser(updated);
      notice(form, t('settings.saved')).focus();
    });
    return form;
  },
};

import { api } from '../../api.js';
import { h, replace, uid } from '../../dom.js';
import { describe, handle, notice } from '../../forms.js';
import { t } from '../../i18n.js';

const CHANNELS = ['inApp', 'email', 'push'];

/**
 * Which notices reach this account where: a type × channel matrix (GET/PUT /api/me/notification-preferences).
 * Only what changed is sent. A security notice's email cannot be turned off: its box stays checked and
 * disabled, and the note says why; the server refuses it anyway, and any error shows next to its box.
 */
export default {
  id: 'notifications',
  render({ scope }) {
    const box = h('div', { 'aria-live': 'polite' }, h('p', {}, t('common.loading')));
    const load = async () => {
      try {
        replace(box, matrix(await scope.api('GET', '/api/me/notification-preferences')));
      } catch (error) {
        replace(box, h('p', { class: 'notice bad', role: 'alert' }, describe(error)),
          h('button', { type: 'button', class: 'button small', onclick: load }, t('common.retry')));
      }
    };
    load();
    return box;
  },
};

function label(type) {
  const key = `notify.type.${type}`;
  return t(key) === key ? type : t(key);
}

function matrix(initial) {
  let current = initial;
  const noteId = uid('security-note');
  const boxes = [];
  const cell = (type, channel) => {
    const id = uid('pref');
    const locked = channel === 'email' && current[type].emailRequired;
    const input = h('input', {
      type: 'checkbox', id, checked: !!current[type][channel], disabled: locked, dataset: { type, channel },
      'aria-describedby': [locked ? noteId : null, `${id}-error`].filter(Boolean).join(' '),
    });
    boxes.push(input);
    return h('div', { class: 'field', dataset: { field: `${type}.${channel}` } },
      input,
      h('label', { for: id, class: 'sr-only' }, t('notify.prefs.cell', { channel: t(`notify.channel.${channel}`), type: label(type) })),
      locked ? h('span', { class: 'meta always', 'aria-hidden': 'true' }, t('notify.prefs.always')) : null,
      h('p', { class: 'error', id: `${id}-error`, role: 'alert' }));
  };
  const hasLocked = Object.values(current).some((p) => p.emailRequired);
  const form = handle(h('form', { class: 'prefs' },
    h('p', { class: 'hint' }, t('notify.prefs.intro')),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', { class: 'sr-only' }, t('notify.prefs.caption')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('notify.prefs.type')),
        CHANNELS.map((channel) => h('th', { scope: 'col' }, t(`notify.channel.${channel}`))))),
      h('tbody', {}, Object.keys(current).map((type) => h('tr', { dataset: { type } },
        h('th', { scope: 'row' }, label(type)),
        CHANNELS.map((channel) => h('td', {}, cell(type, channel)))))))),
    hasLocked ? h('p', { class: 'hint', id: noteId }, t('notify.prefs.securityNote')) : null,
    h('button', { type: 'submit', class: 'button' }, t('common.save'))),
  async () => {
    const changes = {};
    for (const input of boxes) {
      const { type, channel } = input.dataset;
      if (input.checked !== current[type][channel]) (changes[type] ||= {})[channel] = input.checked;
    }
    if (!Object.keys(changes).length) { notice(form, t('settings.nothingChanged'), 'info'); return; }
    current = await api('PUT', '/api/me/notification-preferences', changes);
    boxes.forEach((input) => { input.checked = !!current[input.dataset.type][input.dataset.channel]; });
    notice(form, t('settings.saved')).focus();
  });
  return form;
}

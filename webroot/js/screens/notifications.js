import { api } from '../api.js';
import { formatDate, h, replace } from '../dom.js';
import { describe } from '../forms.js';
import { lang, t } from '../i18n.js';
import { onNotificationEvent, recount, safePath } from '../notify.js';

/**
 * The inbox: newest first with "load more", an unread filter, "mark all read", delete per item. Opening one
 * marks it read and goes where it leads (only paths inside this app). New ones appear at the top as the
 * stream brings them. Titles and bodies come translated from the server and are shown as text only.
 */
export default function notificationsScreen({ query, navigate, scope }) {
  let onlyUnread = query.get('unread') === 'true';
  let cursor = null;
  const list = h('ul', { class: 'notifications' });
  const status = h('div', { 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'button secondary', hidden: true }, t('common.loadMore'));
  const filter = h('input', { type: 'checkbox', id: 'notifications-unread', checked: onlyUnread });
  const markAll = h('button', { type: 'button', class: 'button secondary small' }, t('notify.markAll'));
  const section = h('section', { class: 'inbox' },
    h('h1', {}, t('notify.title')),
    h('div', { class: 'inbox-tools' },
      h('label', { class: 'check', for: 'notifications-unread' }, filter, t('notify.onlyUnread')),
      markAll,
      h('a', { href: '/settings' }, t('notify.toSettings'))),
    status, list, more);

  const say = (text, kind = 'ok') => replace(status, text ? h('p', { class: `notice ${kind}`, role: kind === 'bad' ? 'alert' : 'status' }, text) : null);
  const showEmpty = () => {
    const empty = !list.children.length;
    if (empty && !status.querySelector('.notice')) {
      replace(status, h('p', { class: 'empty' }, t(onlyUnread ? 'notify.emptyUnread' : 'notify.empty')));
    } else if (!empty) {
      status.querySelector('.empty')?.remove();
    }
  };

  const load = async (reset) => {
    if (reset) { cursor = null; list.replaceChildren(); replace(status, h('p', { class: 'meta' }, t('common.loading'))); }
    more.disabled = true;
    try {
      const params = new URLSearchParams({ limit: '20' });
      if (onlyUnread) params.set('unread', 'true');
      if (cursor) params.set('cursor', cursor);
      const page = await scope.api('GET', `/api/notifications?${params}`);
      if (reset) replace(status);
      page.items.filter((n) => !find(n.id)).forEach((n) => list.append(item(n)));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      showEmpty();
    } catch (error) {
      say(describe(error), 'bad');
    } finally {
      more.disabled = false;
    }
  };

  more.addEventListener('click', () => load(false));
  filter.addEventListener('change', () => {
    onlyUnread = filter.checked;
    history.replaceState(null, '', onlyUnread ? '/notifications?unread=true' : '/notifications');
    load(true);
  });
  markAll.addEventListener('click', async () => {
    markAll.disabled = true;
    try {
      const { marked } = await api('POST', '/api/notifications/read-all');
      list.querySelectorAll('li.unread').forEach(setRead);
      say(t('notify.markedAll', { n: marked }));
      recount();
    } catch (error) {
      say(describe(error), 'bad');
    } finally {
      markAll.disabled = false;
    }
  });

  scope.add(onNotificationEvent(({ type, data }) => {
    if (type === 'notification' && data && data.id && !find(data.id)) {
      list.prepend(item(data));
      showEmpty();
    } else if (type === 'read' && data) {
      const li = find(data.id);
      if (li) setRead(li);
    } else if (type === 'read-all') {
      list.querySelectorAll('li.unread').forEach(setRead);
    } else if (type === 'deleted' && data) {
      find(data.id)?.remove();
      showEmpty();
    }
  }));

  load(true);
  return section;

  function find(id) {
    return list.querySelector(`li[data-id="${CSS.escape(String(id))}"]`);
  }

  function item(n) {
    const path = safePath(n.path);
    const unread = !n.readAt;
    const title = [unread ? h('span', { class: 'sr-only unread-mark' }, `${t('notify.unread')}: `) : null, n.title];
    const open = path ? h('a', { href: path, class: 'open' }, title) : h('strong', { class: 'open' }, title);
    const li = h('li', { class: `notification card${unread ? ' unread' : ''}`, dataset: { id: n.id, type: n.type } },
      h('span', { class: 'dot', 'aria-hidden': 'true' }),
      h('div', { class: 'content' },
        open,
        n.body ? h('p', { class: 'body' }, n.body) : null,
        h('p', { class: 'meta' }, h('time', { datetime: n.createdAt }, formatDate(n.createdAt, lang())), ' · ', typeName(n.type))),
      h('div', { class: 'item-actions' },
        unread && !path ? action(t('notify.markRead'), t('notify.markReadOne', { title: n.title }), async () => {
          await api('POST', `/api/notifications/${encodeURIComponent(n.id)}/read`);
          setRead(li);
          recount();
        }, 'mark-read') : null,
        action(t('notify.delete'), t('notify.deleteOne', { title: n.title }), async () => {
          const next = li.nextElementSibling || li.previousElementSibling;
          await api('DELETE', `/api/notifications/${encodeURIComponent(n.id)}`);
          li.remove();
          (next?.querySelector('a.open, button') || section.querySelector('h1')).focus();
          showEmpty();
          recount();
        })));
    if (path) {
      open.addEventListener('click', async (event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        try {
          if (li.classList.contains('unread')) {
            // Left meanwhile, the user stays where they went.
            await scope.guard(api('POST', `/api/notifications/${encodeURIComponent(n.id)}/read`));
            setRead(li);
            recount();
          }
          navigate(path);
        } catch (error) {
          problem(li, error);
        }
      });
    }
    return li;
  }
}

function typeName(type) {
  const key = `notify.type.${type}`;
  const name = t(key);
  return name === key ? type : name;
}

function setRead(li) {
  li.classList.remove('unread');
  li.querySelector('.unread-mark')?.remove();
  li.querySelector('.mark-read')?.remove();
}

function problem(li, error) {
  li.querySelector('.notice')?.remove();
  li.querySelector('.content').append(h('p', { class: 'notice bad', role: 'alert' }, describe(error)));
}

function action(text, label, run, extra = '') {
  const button = h('button', { type: 'button', class: `button small secondary ${extra}`.trim(), 'aria-label': label }, text);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await run();
    } catch (error) {
      button.disabled = false;
      problem(button.closest('li'), error);
    }
  });
  return button;
}

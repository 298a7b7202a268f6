import { api } from '../../api.js';
import { formatDate, h, replace } from '../../dom.js';
import { describe } from '../../forms.js';
import { lang, t } from '../../i18n.js';
import { disablePush, enablePush, PushError, pushSupport, thisBrowser } from '../../push.js';
import { currentUser } from '../../session.js';

/**
 * Push notifications on this device (a switch: permission, service worker, subscription, registration) and
 * every browser and phone of this account that gets them (from GET /api/me), each with a remove button.
 */
export default {
  id: 'push',
  render({ scope }) {
    const toggle = h('input', { type: 'checkbox', role: 'switch', id: 'push-toggle', 'aria-describedby': 'push-state' });
    const state = h('p', { class: 'hint', id: 'push-state' });
    const feedback = h('div', { 'aria-live': 'polite' });
    const devices = h('div', { 'aria-live': 'polite' }, h('p', {}, t('common.loading')));
    let thisId = null;

    const showState = async () => {
      const support = pushSupport();
      thisId = support === 'ok' ? await thisBrowser(currentUser()).catch(() => null) : null;
      toggle.checked = !!thisId;
      toggle.disabled = support !== 'ok';
      state.textContent = support === 'ok' ? t(thisId ? 'notify.push.on' : 'notify.push.off') : t(`notify.push.${support}`);
      state.className = support === 'ok' ? 'hint' : 'notice warn';
    };

    const loadDevices = async () => {
      try {
        const me = await scope.api('GET', '/api/me');
        const found = me.pushDevices || { webPush: [], mobile: [] };
        const rows = [
          ...(found.webPush || []).map((d) => row(d, describeAgent(d.userAgent), t('notify.devices.browserMeta', {
            service: d.service || '?', created: formatDate(d.createdAt, lang()), used: used(d.lastUsedAt),
          }), d.id === thisId, () => removeBrowser(d.id))),
          ...(found.mobile || []).map((d) => row(d, d.name || platform(d.platform), t('notify.devices.phoneMeta', {
            platform: platform(d.platform), created: formatDate(d.createdAt, lang()), used: used(d.lastUsedAt),
          }), false, () => api('DELETE', `/api/push/devices/${encodeURIComponent(d.id)}`))),
        ];
        replace(devices, h('h3', {}, t('notify.devices.title')),
          rows.length ? h('ul', { class: 'sessions push-devices' }, rows) : h('p', { class: 'meta' }, t('notify.devices.none')));
      } catch (error) {
        replace(devices, h('p', { class: 'notice bad', role: 'alert' }, describe(error)),
          h('button', { type: 'button', class: 'button small', onclick: loadDevices }, t('common.retry')));
      }
    };

    const removeBrowser = async (id) => {
      if (id === thisId) await disablePush(); else await api('DELETE', `/api/push/subscriptions/${encodeURIComponent(id)}`);
    };

    const row = (device, name, meta, current, remove) => {
      const button = h('button', { type: 'button', class: 'button small secondary', 'aria-label': t('notify.devices.removeOne', { device: name }) },
        t('notify.devices.remove'));
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await remove();
          await showState();
          await loadDevices();
        } catch (error) {
          button.disabled = false;
          devices.prepend(h('p', { class: 'notice bad', role: 'alert' }, describe(error)));
        }
      });
      return h('li', { class: 'session', dataset: { device: device.id } },
        h('div', {}, h('strong', {}, name), current ? [' ', h('span', { class: 'tag ok' }, t('notify.devices.thisBrowser'))] : null,
          h('p', { class: 'meta' }, meta)),
        button);
    };

    toggle.addEventListener('change', async () => {
      const on = toggle.checked;
      toggle.disabled = true;
      replace(feedback, h('p', { class: 'meta', role: 'status' }, t(on ? 'notify.push.turningOn' : 'notify.push.turningOff')));
      try {
        if (on) await enablePush(currentUser()); else await disablePush();
        replace(feedback, h('p', { class: 'notice ok', role: 'status' }, t(on ? 'notify.push.enabled' : 'notify.push.disabled')));
      } catch (error) {
        replace(feedback, h('p', { class: 'notice bad', role: 'alert' }, explain(error)));
      } finally {
        await showState();
        await loadDevices();
      }
    });

    showState().then(loadDevices);
    return h('div', { class: 'push' },
      h('div', { class: 'switch' }, toggle, h('label', { for: 'push-toggle' }, t('notify.push.toggle'))),
      state, feedback, devices);
  },
};

function explain(error) {
  if (!(error instanceof PushError)) return describe(error);
  if (error.reason === 'subscribe') return t('notify.push.subscribeFailed', { reason: error.cause?.message || error.cause?.name || '?' });
  return t(`notify.push.${error.reason}`);
}

function used(at) {
  return at ? formatDate(at, lang()) : t('notify.devices.never');
}

function platform(name) {
  const key = `notify.platform.${name}`;
  return t(key) === key ? name || '?' : t(key);
}

/** "Chrome on Linux" from a user agent: enough to tell one's own browsers apart. */
function describeAgent(agent) {
  const ua = agent || '';
  const browser = /Edg\//.test(ua) ? 'Edge' : /OPR\//.test(ua) ? 'Opera' : /Firefox\//.test(ua) ? 'Firefox'
    : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows'
    : /Mac OS X/.test(ua) ? 'macOS' : /Linux|X11/.test(ua) ? 'Linux' : null;
  if (!browser) return t('notify.devices.someBrowser');
  return os ? t('notify.devices.browserOn', { browser, os }) : browser;
}

import { formatDate, h, replace } from '../../dom.js';
import { describe } from '../../forms.js';
import { lang, t } from '../../i18n.js';
import { adminPage } from './layout.js';
import { mfaPolicyCard } from './mfa.js';

/** This node: health, version, uptime and the size of the database (GET /api/admin/system). */
export default function systemScreen({ scope }) {
  const body = h('div', { 'aria-live': 'polite' }, h('p', {}, t('common.loading')));
  const load = async () => {
    try {
      const s = await scope.api('GET', '/api/admin/system');
      const up = (status) => h('span', { class: `tag ${status === 'UP' ? 'ok' : 'bad'}` }, t(status === 'UP' ? 'admin.system.up' : 'admin.system.down'));
      replace(body, h('dl', { class: 'facts card' },
        h('dt', {}, t('admin.system.health')), h('dd', { dataset: { fact: 'health' } }, up(s.status)),
        h('dt', {}, t('admin.system.version')), h('dd', { dataset: { fact: 'version' } }, s.version),
        h('dt', {}, t('admin.system.uptime')), h('dd', { dataset: { fact: 'uptime' } }, duration(s.uptimeSeconds),
          h('div', { class: 'meta' }, t('admin.system.since', { at: formatDate(s.startedAt, lang()) }))),
        h('dt', {}, t('admin.system.database')), h('dd', { dataset: { fact: 'database' } }, up(s.database.status), ' ',
          s.database.dialect || '', s.database.sizeBytes != null ? ` · ${bytes(s.database.sizeBytes)}` : ''),
        h('dt', {}, 'Java'), h('dd', {}, s.javaVersion)),
      nodes(s.cluster),
      h('button', { type: 'button', class: 'button secondary', onclick: load }, t('common.refresh')));
    } catch (error) {
      replace(body, h('p', { class: 'notice bad', role: 'alert' }, describe(error)),
        h('button', { type: 'button', class: 'button small', onclick: load }, t('common.retry')));
    }
  };
  load();
  return adminPage('admin.system.title', body, mfaPolicyCard(scope));
}

/** The cluster's nodes, each with its address, version and uptime; nothing on a single node. */
function nodes(cluster) {
  if (!cluster || !cluster.clustered) return null;
  return h('section', { class: 'card' }, h('h2', {}, t('admin.system.nodes', { n: cluster.nodes.length })),
    h('table', { class: 'nodes' },
      h('thead', {}, h('tr', {}, h('th', {}, t('admin.system.node')), h('th', {}, t('admin.system.address')),
        h('th', {}, t('admin.system.version')), h('th', {}, t('admin.system.uptime')))),
      h('tbody', {}, cluster.nodes.map((n) => h('tr', { dataset: { node: n.nodeId } },
        h('td', {}, n.nodeId === cluster.nodeId ? t('admin.system.thisNode', { id: n.nodeId.slice(0, 8) }) : n.nodeId.slice(0, 8)),
        h('td', {}, n.address || '?'), h('td', {}, n.version || '?'),
        h('td', {}, n.uptimeSeconds != null ? duration(n.uptimeSeconds) : '?'))))));
}

function duration(seconds) {
  const d = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return t('admin.system.duration', { d, h: hours, m, s: seconds % 60 });
}

function bytes(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i += 1; }
  return `${v.toFixed(i ? 1 : 0)} ${units[i]}`;
}

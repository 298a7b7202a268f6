import { bars, lines } from '../../chart.js';
import { h, replace } from '../../dom.js';
import { describe } from '../../forms.js';
import { t } from '../../i18n.js';
import { adminPage } from './layout.js';

/**
 * The admins' first screen: tiles and charts of GET /api/admin/stats (sign-ups, sign-ins, sessions, roles,
 * content, the outbox, this node's requests in the last hour, the database's size), drawn as plain SVG.
 */
export default function overviewScreen({ scope }) {
  const body = h('div', { 'aria-live': 'polite' }, h('p', {}, t('common.loading')));
  const load = async () => {
    try {
      const s = await scope.api('GET', '/api/admin/stats');
      replace(body, tiles(s), charts(s),
        h('p', { class: 'meta' }, t('admin.overview.utc')),
        h('button', { type: 'button', class: 'button secondary', onclick: load }, t('common.refresh')));
    } catch (error) {
      replace(body, h('p', { class: 'notice bad', role: 'alert' }, describe(error)),
        h('button', { type: 'button', class: 'button small', onclick: load }, t('common.retry')));
    }
  };
  load();
  return adminPage('admin.overview.title', body);
}

const sum = (list, key) => list.reduce((n, item) => n + (item[key] || 0), 0);

function tile(name, value, note) {
  return h('div', { class: 'tile card', dataset: { tile: name } },
    h('div', { class: 'tile-label' }, t(`admin.overview.${name}`)),
    h('div', { class: 'tile-value' }, String(value)),
    note ? h('div', { class: 'meta' }, note) : null);
}

function tiles(s) {
  const minutes = s.requests ? s.requests.perMinute : [];
  const requests = sum(minutes, 'requests');
  const errors = sum(minutes, 'errors5xx');
  const p95 = minutes.reduce((max, m) => (m.p95Ms != null && m.p95Ms > max ? m.p95Ms : max), 0);
  const off = t('admin.overview.metricsOff');
  return h('div', { class: 'tiles' },
    tile('activeSessions', s.activeSessions),
    tile('signUps', sum(s.signUpsPerDay, 'count'), t('admin.overview.last30Days')),
    tile('signIns', sum(s.signInsPerHour, 'ok'), t('admin.overview.last48Hours')),
    tile('failed', sum(s.signInsPerHour, 'failed'), t('admin.overview.lockouts', { n: sum(s.signInsPerHour, 'locked') })),
    tile('requests', s.requests ? requests : '–', s.requests ? t('admin.overview.lastHour') : off),
    tile('p95', s.requests && requests ? `${ms(p95)} ms` : '–', t('admin.overview.worstMinute')),
    tile('errors', s.requests && requests ? `${((100 * errors) / requests).toFixed(1)} %` : '–', t('admin.overview.errorsNote', { n: errors })),
    tile('database', s.database.sizeBytes != null ? bytes(s.database.sizeBytes) : '?', s.database.dialect || ''));
}

function figure(name, chart, legend) {
  return h('figure', { class: 'card chart-card', dataset: { chart: name } },
    h('figcaption', {}, h('h2', {}, t(`admin.overview.chart.${name}`))),
    chart,
    legend ? h('ul', { class: 'legend' }, legend.map((s) => h('li', { class: s.cls }, t(`admin.overview.series.${s.name}`)))) : null);
}

function charts(s) {
  const days = s.signUpsPerDay.map((d) => d.day.slice(5));
  const hours = s.signInsPerHour.map((x) => `${x.hour.slice(11, 13)}h`);
  const signIns = [{ name: 'ok', cls: 's1', values: s.signInsPerHour.map((x) => x.ok) },
    { name: 'failed', cls: 's2', values: s.signInsPerHour.map((x) => x.failed) },
    { name: 'locked', cls: 's3', values: s.signInsPerHour.map((x) => x.locked) }];
  const content = [{ name: 'articles', cls: 's1', values: s.articlesPerDay.map((d) => d.count) },
    { name: 'comments', cls: 's4', values: s.commentsPerDay.map((d) => d.count) }];
  const parts = [
    figure('signUps', bars(t('admin.overview.chart.signUps'), days, [{ name: 'signUps', cls: 's1', values: s.signUpsPerDay.map((d) => d.count) }], 5)),
    figure('signIns', bars(t('admin.overview.chart.signIns'), hours, signIns, 6), signIns),
    figure('content', bars(t('admin.overview.chart.content'), days, content, 5), content),
  ];
  if (s.requests) {
    const minutes = s.requests.perMinute;
    const at = minutes.map((m) => m.at.slice(11, 16));
    const traffic = [{ name: 'requests', cls: 's1', values: minutes.map((m) => m.requests) },
      { name: 'errors5xx', cls: 's2', values: minutes.map((m) => m.errors5xx) }];
    parts.push(figure('requests', lines(t('admin.overview.chart.requests'), at, traffic, 10), traffic));
    parts.push(figure('latency', lines(t('admin.overview.chart.latency'), at,
      [{ name: 'p95', cls: 's3', values: minutes.map((m) => (m.p95Ms == null ? null : Number(ms(m.p95Ms)))) }], 10)));
  }
  parts.push(h('section', { class: 'card', dataset: { chart: 'roles' } }, h('h2', {}, t('admin.overview.chart.roles')),
    h('dl', { class: 'facts' }, Object.entries(s.usersByRole).flatMap(([role, n]) =>
      [h('dt', {}, role), h('dd', { dataset: { role } }, String(n))]))));
  parts.push(h('section', { class: 'card', dataset: { chart: 'outbox' } }, h('h2', {}, t('admin.overview.chart.outbox')),
    s.outbox.length ? h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, t('admin.overview.status')),
      h('th', {}, t('admin.overview.channel')), h('th', {}, t('admin.overview.count')))),
    h('tbody', {}, s.outbox.map((o) => h('tr', { dataset: { status: o.status, channel: o.channel } },
      h('td', {}, o.status), h('td', {}, o.channel), h('td', {}, String(o.count))))))
      : h('p', { class: 'meta' }, t('admin.overview.outboxEmpty'))));
  return h('div', { class: 'charts' }, parts);
}

/** A bucket bound in ms, as people read it: 2.5, 18, 179. */
function ms(n) {
  return n < 10 ? n.toFixed(1) : String(Math.round(n));
}

function bytes(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i += 1; }
  return `${v.toFixed(i ? 1 : 0)} ${units[i]}`;
}

import { h, replace } from '../../dom.js';
import { describe } from '../../forms.js';
import { t } from '../../i18n.js';

/**
 * Medical records: a patient's own records with their doctors, a doctor's records with their patients,
 * everything for an admin; search over complaint and diagnosis, and "load more" over the API's cursor.
 */
export default function medicalListScreen({ user, query, scope }) {
  const isPatientOnly = !user.roles.includes('doctor') && !user.roles.includes('admin');
  const writes = user.roles.includes('doctor') || user.roles.includes('admin');
  const list = h('ul', { class: 'records' });
  const status = h('div', { 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'button secondary', hidden: true }, t('common.loadMore'));
  const search = h('input', { type: 'search', name: 'q', id: 'records-q', value: query.get('q') || '' });
  let cursor = null;

  const load = async (reset) => {
    if (reset) { cursor = null; list.replaceChildren(); }
    more.disabled = true;
    try {
      const params = new URLSearchParams({ limit: '20' });
      if (search.value.trim()) params.set('q', search.value.trim());
      if (cursor) params.set('cursor', cursor);
      const page = await scope.api('GET', `/api/medical-records?${params}`);
      page.items.forEach((record) => list.append(row(record, isPatientOnly)));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      replace(status, h('p', { class: 'meta' }, page.total === 0 ? t('medical.none') : t('medical.count', { n: page.total })));
    } catch (error) {
      replace(status, h('p', { class: 'notice bad', role: 'alert' }, describe(error)));
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => load(false));
  const form = h('form', { class: 'search', role: 'search' },
    h('label', { for: 'records-q' }, t('medical.search')), search,
    h('button', { type: 'submit', class: 'button' }, t('medical.searchButton')));
  form.addEventListener('submit', (event) => { event.preventDefault(); load(true); });
  load(true);
  return h('section', {},
    h('h1', {}, t('medical.title')),
    writes ? h('p', {}, h('a', { class: 'button', href: '/medical-records/new' }, t('medical.new'))) : null,
    form, status, list, more);
}

function row(record, isPatientOnly) {
  const who = isPatientOnly
    ? t('medical.byDoctor', { doctor: record.doctor.name, specialty: record.doctor.specialty || '' })
    : t('medical.forPatient', { patient: record.patient.name || '?', doctor: record.doctor.name });
  return h('li', { class: 'card record', dataset: { record: record.id } },
    h('a', { href: `/medical-records/${encodeURIComponent(record.id)}` }, h('strong', {}, record.diagnosis)),
    h('p', { class: 'meta' }, record.visitDate, ' · ', who));
}

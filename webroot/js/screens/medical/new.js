import { api } from '../../api.js';
import { field, h } from '../../dom.js';
import { handle } from '../../forms.js';
import { t } from '../../i18n.js';

/**
 * A doctor writes a record (an admin also names the doctor). The patient is chosen by id; a doctor's own
 * patients are offered from the records they can read (those they wrote, and their care teams' patients').
 */
export default function newRecordScreen({ user, navigate, scope }) {
  const isAdmin = user.roles.includes('admin');
  const patients = h('datalist', { id: 'known-patients' });
  scope.api('GET', '/api/medical-records?limit=100').then(({ items }) => {
    const seen = new Map();
    items.forEach((r) => seen.set(r.patient.id, r.patient.name));
    seen.forEach((name, id) => patients.append(h('option', { value: id }, name || id)));
  }).catch(() => {});
  const today = new Date().toISOString().slice(0, 10);
  const form = handle(h('form', { class: 'card', 'aria-labelledby': 'new-record-title' },
    field({ name: 'patientId', label: t('medical.patientId'), required: true, attrs: { list: 'known-patients' } }), patients,
    isAdmin ? field({ name: 'doctorId', label: t('medical.doctorId') }) : null,
    field({ name: 'visitDate', label: t('medical.visitDate'), type: 'date', value: today, required: true }),
    field({ name: 'complaint', label: t('medical.complaint'), type: 'textarea', required: true }),
    field({ name: 'diagnosis', label: t('medical.diagnosis'), type: 'textarea', required: true }),
    field({ name: 'icd10Code', label: t('medical.icd10'), hint: t('medical.icd10Hint') }),
    field({ name: 'treatment', label: t('medical.treatment'), type: 'textarea' }),
    field({ name: 'notes', label: t('medical.notes'), type: 'textarea' }),
    h('button', { type: 'submit', class: 'button' }, t('medical.save'))),
  async (values) => {
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
    const created = await scope.guard(api('POST', '/api/medical-records', body));
    navigate(`/medical-records/${encodeURIComponent(created.id)}`);
  });
  return h('section', { class: 'narrow' }, h('h1', { id: 'new-record-title' }, t('medical.new')), form);
}

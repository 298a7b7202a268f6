import { h } from '../../dom.js';
import { describe } from '../../forms.js';
import { t } from '../../i18n.js';

/** One medical record in detail, with its patient and doctor (the API decides who may see it: 403 otherwise). */
export default async function medicalRecordScreen({ params, scope }) {
  let record;
  try {
    record = await scope.api('GET', `/api/medical-records/${encodeURIComponent(params.id)}`);
  } catch (error) {
    const key = error.status === 403 ? 'forbidden.text' : error.status === 404 ? 'notFound.text' : null;
    return h('section', {}, h('h1', {}, t('medical.record')),
      h('p', { class: 'notice bad', role: 'alert' }, key ? t(key) : describe(error)),
      h('p', {}, h('a', { href: '/medical-records' }, t('medical.back'))));
  }
  const item = (label, value) => (value ? [h('dt', {}, label), h('dd', {}, value)] : []);
  return h('section', { class: 'record-detail' },
    h('h1', {}, record.diagnosis),
    h('dl', { class: 'card' },
      item(t('medical.visitDate'), record.visitDate),
      item(t('medical.patient'), `${record.patient.name || '?'} (${record.patient.medicalRecordNumber || '-'})`),
      item(t('medical.doctor'), `${record.doctor.name} · ${record.doctor.specialty || ''}`),
      item(t('medical.complaint'), record.complaint),
      item(t('medical.diagnosis'), record.diagnosis),
      item(t('medical.icd10'), record.icd10Code),
      item(t('medical.treatment'), record.treatment),
      item(t('medical.notes'), record.notes)),
    h('p', {}, h('a', { href: '/medical-records' }, t('medical.back'))));
}

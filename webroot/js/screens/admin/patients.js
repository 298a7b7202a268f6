import { field, h, select } from '../../dom.js';
import { lang, t } from '../../i18n.js';
import { nullIfBlank, profilesScreen } from './profiles.js';

const SEXES = ['female', 'male', 'intersex', 'unknown'];

/**
 * Patient profiles: search by name, email or record number; create one for a patient; edit one; open one's
 * care team (patient.js).
 */
export default function patientsScreen(context) {
  return profilesScreen({
    api: '/api/admin/patients',
    screen: '/admin/patients',
    role: 'patient',
    titleKey: 'admin.patients.title',
    searchKey: 'admin.patients.search',
    newKey: 'admin.patients.new',
    editKey: 'admin.patients.edit',
    head: ['admin.patients.patient', 'admin.patients.mrn', 'admin.patients.dateOfBirth', 'admin.patients.sex', 'admin.patients.phone'],
    cells: (p) => [
      h('td', {}, h('span', { class: 'mono' }, p.medicalRecordNumber)),
      h('td', {}, formatDay(p.dateOfBirth)),
      h('td', {}, t(`sex.${p.sex}`)),
      h('td', {}, p.phone || '—')],
    fields: (p) => [
      h('div', { class: 'grid2' },
        field({ name: 'dateOfBirth', label: t('admin.patients.dateOfBirth'), type: 'date', value: p?.dateOfBirth || '', required: true }),
        select({ name: 'sex', label: t('admin.patients.sex'), value: p?.sex || '',
          options: [['', t('admin.profiles.choose')], ...SEXES.map((s) => [s, t(`sex.${s}`)])] })),
      field({ name: 'phone', label: t('admin.patients.phone'), type: 'tel', value: p?.phone || '', hint: t('admin.patients.phoneHint') }),
      field({ name: 'address', label: t('admin.patients.address'), type: 'textarea', value: p?.address || '', attrs: { rows: 2 } }),
      field({ name: 'medicalRecordNumber', label: t('admin.patients.mrn'), value: p?.medicalRecordNumber || '',
        hint: t(p ? 'admin.patients.mrnEditHint' : 'admin.patients.mrnHint') })],
    actions: (p, name) => h('a', { class: 'button small secondary', href: `/admin/patients/${encodeURIComponent(p.id)}`,
      'aria-label': t('admin.patients.careTeamOf', { name }) }, t('admin.patients.careTeam')),
    body: (v) => ({
      dateOfBirth: v.dateOfBirth, sex: v.sex, phone: nullIfBlank(v.phone), address: nullIfBlank(v.address),
      medicalRecordNumber: nullIfBlank(v.medicalRecordNumber),
    }),
  }, context);
}

/** A date of birth (2001-02-03) in the reader's language, without a time. */
export function formatDay(day) {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day
    : date.toLocaleDateString(lang() === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
}


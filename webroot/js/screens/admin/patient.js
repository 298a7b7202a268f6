import { api, ApiError } from '../../api.js';
import { formatDate, h, replace } from '../../dom.js';
import { describe, handle, notice } from '../../forms.js';
import { lang, t } from '../../i18n.js';
import { actionFailed, adminPage, pagedTable, rowButton } from './layout.js';
import { formatDay } from './patients.js';
import { searchPicker } from './profiles.js';

/**
 * One patient and their care team: the doctors who read all of the patient's medical records (any other
 * doctor reads only the records they wrote). An admin adds a doctor or takes one off; it applies at once.
 */
export default function patientScreen({ params, scope }) {
  const path = `/api/admin/patients/${encodeURIComponent(params.id)}`;
  const body = h('div', { 'aria-live': 'polite' }, h('p', {}, t('common.loading')));
  // The details are drawn again after each change, each time with a scope of their own (the doctor search).
  let part = null;
  const show = (patient, done) => {
    part?.dispose();
    part = scope.child();
    replace(body, details(patient, path, show, part));
    if (done) notice(body, done).focus();
  };
  scope.api('GET', path).then((patient) => show(patient))
    .catch((error) => replace(body, h('p', { class: 'notice bad', role: 'alert' }, describe(error))));
  return adminPage('admin.patient.title', h('p', {}, h('a', { href: '/admin/patients' }, t('admin.patient.back'))), body);
}

const nameOf = (person) => person.name || person.email || person.id;

function details(patient, path, show, scope) {
  const add = handle(h('form', { class: 'card', 'aria-labelledby': 'add-doctor-title' },
    h('h2', { id: 'add-doctor-title' }, t('admin.patient.addTitle')),
    doctorPicker(scope, patient.careTeam),
    h('button', { type: 'submit', class: 'button' }, t('admin.patient.add'))),
  async ({ doctorId }) => {
    if (!doctorId) {
      throw new ApiError(400, { errors: [{ field: 'doctorId', message: t('admin.patient.pickFirst') }] });
    }
    const updated = await api('PUT', `${path}/doctors/${encodeURIComponent(doctorId)}`);
    const doctor = updated.careTeam.find((d) => d.id === doctorId);
    show(updated, t('admin.patient.added', { name: doctor ? nameOf(doctor) : doctorId }));
  });
  return [
    h('div', { class: 'card' },
      h('h2', {}, nameOf(patient)),
      h('dl', { class: 'facts' },
        h('dt', {}, t('admin.patients.mrn')), h('dd', { class: 'mono' }, patient.medicalRecordNumber),
        h('dt', {}, t('admin.patients.dateOfBirth')), h('dd', {}, formatDay(patient.dateOfBirth)),
        h('dt', {}, t('field.email')), h('dd', {}, patient.email || '—'),
        h('dt', {}, t('admin.patient.account')), h('dd', {}, patient.userId
          ? h('a', { href: `/admin/users/${encodeURIComponent(patient.userId)}` }, t('admin.patient.accountLink')) : '—'))),
    h('section', { class: 'card', 'aria-labelledby': 'care-team-title' },
      h('h2', { id: 'care-team-title' }, t('admin.patient.careTeam', { n: patient.careTeam.length })),
      h('p', { class: 'meta' }, t('admin.patient.careTeamHint')),
      team(patient, path, show)),
    add,
  ];
}

/** The team as a table that stacks on a phone (the admin lists' table, with every member on one page). */
function team(patient, path, show) {
  const table = pagedTable({
    head: ['admin.doctors.doctor', 'admin.doctors.specialty', 'admin.doctors.licence', 'admin.patient.since', 'admin.actions'],
    stack: true,
    emptyKey: 'admin.patient.noTeam',
    fetchPage: async () => ({ items: patient.careTeam, nextCursor: null, total: patient.careTeam.length }),
    renderRow: (doctor) => {
      const name = nameOf(doctor);
      const cell = h('td', { class: 'row-actions' });
      const remove = rowButton(t('admin.patient.remove'), t('admin.patient.removeNamed', { name }), {
        kind: 'danger',
        onclick: async () => {
          remove.disabled = true;
          try {
            show(await api('DELETE', `${path}/doctors/${encodeURIComponent(doctor.id)}`), t('admin.patient.removed', { name }));
          } catch (error) {
            actionFailed(cell, remove, error);
          }
        },
      });
      cell.append(remove);
      return h('tr', { dataset: { doctor: doctor.id } },
        h('td', {}, name, doctor.name && doctor.email ? h('div', { class: 'meta' }, doctor.email) : null),
        h('td', {}, doctor.specialty),
        h('td', {}, h('span', { class: 'mono' }, doctor.licenceNumber)),
        h('td', {}, formatDate(doctor.assignedAt, lang())),
        cell);
    },
  });
  table.load(true);
  return table.element;
}

/** The doctors with a profile, by name, email, specialty or licence; those already on the team are left out. */
function doctorPicker(scope, careTeam) {
  const onTeam = new Set(careTeam.map((d) => d.id));
  return searchPicker({
    name: 'doctorId',
    label: t('admin.doctors.doctor'),
    findLabel: t('admin.patient.findDoctor'),
    hint: t('admin.patient.findHint'),
    pickLabel: t('admin.patient.pickDoctor'),
    found: (n) => t('admin.patient.found', { n }),
    noneFound: t('admin.patient.noneFound'),
    search: async (q) => {
      const params = new URLSearchParams({ limit: '50' });
      if (q) params.set('q', q);
      const page = await scope.api('GET', `/api/admin/doctors?${params}`);
      const items = page.items.filter((d) => !onTeam.has(d.id))
        .map((d) => [d.id, `${nameOf(d)} · ${d.specialty}`]);
      return { total: page.total - (page.items.length - items.length), items };
    },
  });
}

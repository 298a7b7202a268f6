import { field, formatDate, h } from '../../dom.js';
import { lang, t } from '../../i18n.js';
import { profilesScreen } from './profiles.js';

/** Doctor profiles: search by name, email, specialty or licence; create one for a doctor; edit one. */
export default function doctorsScreen(context) {
  return profilesScreen({
    api: '/api/admin/doctors',
    screen: '/admin/doctors',
    role: 'doctor',
    titleKey: 'admin.doctors.title',
    searchKey: 'admin.doctors.search',
    newKey: 'admin.doctors.new',
    editKey: 'admin.doctors.edit',
    head: ['admin.doctors.doctor', 'admin.doctors.specialty', 'admin.doctors.licence', 'admin.doctors.updated'],
    cells: (d) => [
      h('td', {}, d.specialty),
      h('td', {}, h('span', { class: 'mono' }, d.licenceNumber)),
      h('td', {}, formatDate(d.updatedAt, lang()))],
    fields: (d) => [
      field({ name: 'specialty', label: t('admin.doctors.specialty'), value: d?.specialty || '', required: true }),
      field({ name: 'licenceNumber', label: t('admin.doctors.licence'), value: d?.licenceNumber || '', required: true,
        hint: t('admin.doctors.licenceHint') })],
    body: (v) => ({ specialty: v.specialty, licenceNumber: v.licenceNumber }),
  }, context);
}

// The menus. Each entry says when it shows, so a new feature adds a line here (and its routes).
export const MAIN_NAV = [
  { href: '/', key: 'nav.home', show: () => true },
  { href: '/articles', key: 'nav.blog', show: () => true },
  { href: '/medical-records', key: 'nav.medical', show: (user) => !!user && ['patient', 'doctor', 'admin'].some((r) => user.roles.includes(r)) },
  { href: '/settings', key: 'nav.settings', show: (user) => !!user },
  { href: '/admin', key: 'nav.admin', show: (user) => !!user && user.roles.includes('admin') },
];

export const ADMIN_NAV = [
  { href: '/admin/users', key: 'admin.nav.users' },
  { href: '/admin/audit', key: 'admin.nav.audit' },
  { href: '/admin/outbox', key: 'admin.nav.outbox' },
  { href: '/admin/system', key: 'admin.nav.system' },
];

// The menus. Each entry says when it shows, so a new feature adds a line here (and its routes).
export const MAIN_NAV = [
  { href: '/', key: 'nav.home', show: () => true },
  { href: '/articles', key: 'nav.blog', show: () => true },
  { href: '/medical-records', key: 'nav.medical', show: (user) => !!user && ['patient', 'doctor', 'admin'].some((r) => user.roles.includes(r)) },
  { href: '/shop', key: 'nav.shop', show: (user) => !!user },
  { href: '/orders', key: 'nav.orders', show: (user) => !!user },
  { href: '/settings', key: 'nav.settings', show: (user) => !!user },
  { href: '/admin', key: 'nav.admin', show: (user) => !!user && ['admin', 'editor'].some((r) => user.roles.includes(r)) },
];

// The admin tabs, each with the roles that may open it (the same as its route in routes.js): editors
// moderate content; everything else is for admins.
const CONTENT = ['admin', 'editor'];
const ADMIN = ['admin'];
export const ADMIN_NAV = [
  { href: '/admin/overview', key: 'admin.nav.overview', roles: ADMIN },
  { href: '/admin/users', key: 'admin.nav.users', roles: ADMIN },
  { href: '/admin/articles', key: 'admin.nav.articles', roles: CONTENT },
  { href: '/admin/comments', key: 'admin.nav.comments', roles: CONTENT },
  { href: '/admin/taxonomy', key: 'admin.nav.taxonomy', roles: CONTENT },
  { href: '/admin/patients', key: 'admin.nav.patients', roles: ADMIN },
  { href: '/admin/doctors', key: 'admin.nav.doctors', roles: ADMIN },
  { href: '/admin/audit', key: 'admin.nav.audit', roles: ADMIN },
  { href: '/admin/outbox', key: 'admin.nav.outbox', roles: ADMIN },
  { href: '/admin/messages', key: 'admin.nav.messages', roles: ADMIN },
  { href: '/admin/system', key: 'admin.nav.system', roles: ADMIN },
  { href: '/admin/webhooks', key: 'admin.nav.webhooks', roles: ADMIN },
  { href: '/admin/products', key: 'admin.nav.products', roles: ADMIN },
  { href: '/admin/orders', key: 'admin.nav.orders', roles: ADMIN },
];

/** The admin tabs this user may open. */
export function adminNavFor(user) {
  return ADMIN_NAV.filter((item) => !!user && item.roles.some((r) => user.roles.includes(r)));
}

// Every screen of the app, one module each, loaded when first visited. To add a feature (the blog, medical
// records), add its screens here and its menu entries in nav.js; nothing else needs to change.
//   auth: 'required' (signed in), 'guest' (signed out only) or absent (anyone)
//   role: a role the user must hold, roles: any one of these (the API checks again: this keeps the menu honest)
export const ROUTES = [
  { path: '/', load: () => import('./screens/home.js') },
  { path: '/login', auth: 'guest', load: () => import('./screens/login.js') },
  { path: '/register', auth: 'guest', load: () => import('./screens/register.js') },
  { path: '/forgot-password', load: () => import('./screens/forgot-password.js') },
  { path: '/reset-password', load: () => import('./screens/reset-password.js') },
  { path: '/verify-email', load: () => import('./screens/verify-email.js') },
  { path: '/confirm-email', load: () => import('./screens/confirm-email.js') },
  { path: '/settings', auth: 'required', load: () => import('./screens/settings.js') },
  { path: '/oauth-complete', load: () => import('./screens/oauth-complete.js') },
  { path: '/confirm-sign-up', auth: 'guest', load: () => import('./screens/confirm-sign-up.js') },
  { path: '/articles', load: () => import('./screens/blog/list.js') },
  { path: '/articles/new', auth: 'required', roles: ['editor', 'admin'], load: () => import('./screens/blog/editor.js') },
  { path: '/articles/:slug', load: () => import('./screens/blog/article.js') },
  { path: '/articles/:slug/edit', auth: 'required', load: () => import('./screens/blog/editor.js') },
  { path: '/medical-records', auth: 'required', roles: ['patient', 'doctor', 'admin'], load: () => import('./screens/medical/list.js') },
  { path: '/medical-records/new', auth: 'required', roles: ['doctor', 'admin'], load: () => import('./screens/medical/new.js') },
  { path: '/medical-records/:id', auth: 'required', roles: ['patient', 'doctor', 'admin'], load: () => import('./screens/medical/record.js') },
  { path: '/admin', auth: 'required', roles: ['admin', 'editor'], load: () => import('./screens/admin/index.js') },
  { path: '/admin/users', auth: 'required', role: 'admin', load: () => import('./screens/admin/users.js') },
  { path: '/admin/users/:id', auth: 'required', role: 'admin', load: () => import('./screens/admin/user.js') },
  { path: '/admin/articles', auth: 'required', roles: ['admin', 'editor'], load: () => import('./screens/admin/articles.js') },
  { path: '/admin/comments', auth: 'required', roles: ['admin', 'editor'], load: () => import('./screens/admin/comments.js') },
  { path: '/admin/taxonomy', auth: 'required', roles: ['admin', 'editor'], load: () => import('./screens/admin/taxonomy.js') },
  { path: '/admin/patients', auth: 'required', role: 'admin', load: () => import('./screens/admin/patients.js') },
  { path: '/admin/patients/:id', auth: 'required', role: 'admin', load: () => import('./screens/admin/patient.js') },
  { path: '/admin/doctors', auth: 'required', role: 'admin', load: () => import('./screens/admin/doctors.js') },
  { path: '/admin/audit', auth: 'required', role: 'admin', load: () => import('./screens/admin/audit.js') },
  { path: '/admin/outbox', auth: 'required', role: 'admin', load: () => import('./screens/admin/outbox.js') },
  { path: '/admin/messages', auth: 'required', role: 'admin', load: () => import('./screens/admin/messages.js') },
  { path: '/admin/system', auth: 'required', role: 'admin', load: () => import('./screens/admin/system.js') },
  { path: '/admin/overview', auth: 'required', role: 'admin', load: () => import('./screens/admin/overview.js') },
  { path: '/admin/webhooks', auth: 'required', role: 'admin', load: () => import('./screens/admin/webhooks.js') },
  { path: '/admin/webhooks/:id', auth: 'required', role: 'admin', load: () => import('./screens/admin/webhook.js') },
  { path: '/notifications', auth: 'required', load: () => import('./screens/notifications.js') },
  { path: '/shop', auth: 'required', load: () => import('./screens/shop/catalogue.js') },
  { path: '/orders', auth: 'required', load: () => import('./screens/shop/orders.js') },
  { path: '/orders/:id', auth: 'required', load: () => import('./screens/shop/order.js') },
  { path: '/orders/:id/return', auth: 'required', load: () => import('./screens/shop/return.js') },
  { path: '/admin/products', auth: 'required', role: 'admin', load: () => import('./screens/admin/products.js') },
  { path: '/admin/orders', auth: 'required', role: 'admin', load: () => import('./screens/admin/orders.js') },
  { path: '/admin/orders/:id', auth: 'required', role: 'admin', load: () => import('./screens/admin/order.js') },
];

/**
 * The route and its :params for a path, or null. A parameter with a malformed escape (`%E0%A4%A`, a cut or
 * mistyped link) matches nothing, so the address shows the not-found page instead of throwing.
 */
export function match(pathname) {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  for (const route of ROUTES) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params = {};
    const ok = pattern.every((p, i) => {
      if (!p.startsWith(':')) return p === parts[i];
      params[p.slice(1)] = decode(parts[i]);
      return params[p.slice(1)] !== null;
    });
    if (ok) return { route, params };
  }
  return null;
}

function decode(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

import { adminNavFor } from '../../nav.js';

/** /admin: the first tab this user may open (users for admins, articles for editors). */
export default async function adminIndex(context) {
  const first = adminNavFor(context.user)[0];
  const screens = {
    '/admin/users': () => import('./users.js'),
    '/admin/articles': () => import('./articles.js'),
  };
  const module = await (screens[first.href] || screens['/admin/articles'])();
  return module.default(context);
}

import { adminNavFor } from '../../nav.js';

/** /admin: the first tab this user may open: users for admins, the articles for editors. */
export default async function adminIndex(context) {
  const admin = adminNavFor(context.user)[0]?.href === '/admin/users';
  const module = await (admin ? import('./users.js') : import('./articles.js'));
  return module.default(context);
}

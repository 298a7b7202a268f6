import { adminNavFor } from '../../nav.js';

/** /admin: the first tab this user may open: the overview for admins, the articles for editors. */
export default async function adminIndex(context) {
  const admin = adminNavFor(context.user)[0]?.href === '/admin/overview';
  const module = await (admin ? import('./overview.js') : import('./articles.js'));
  return module.default(context);
}

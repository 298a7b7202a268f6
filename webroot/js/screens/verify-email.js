import { tokenLink } from '../token-link.js';

/** Opened from the sign-up mail: /verify-email?token=... */
export default function verifyEmailScreen({ query, scope }) {
  return tokenLink({ query, scope, title: 'verify.title', endpoint: '/api/auth/verify-email', done: 'verify.done' });
}

import { tokenLink } from '../token-link.js';

/** Opened from the mail sent to a new address: /confirm-email?token=... */
export default function confirmEmailScreen({ query, scope }) {
  return tokenLink({ query, scope, title: 'confirmEmail.title', endpoint: '/api/auth/email-change/confirm', done: 'confirmEmail.done' });
}

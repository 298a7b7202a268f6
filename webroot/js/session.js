// Who is signed in, as the last token pair or /api/me said. Screens read it; api.js keeps it current.
import { onSession } from './api.js';

let user = null;
const listeners = new Set();

onSession((next) => {
  user = next;
  listeners.forEach((fn) => fn(user));
});

export function currentUser() {
  return user;
}

/** After a profile change, so that the menu and greetings follow. */
export function updateUser(next) {
  user = next;
  listeners.forEach((fn) => fn(user));
}

/** fn(user) after every change of who is signed in or of their profile; answers a function that stops it. */
export function onUserChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

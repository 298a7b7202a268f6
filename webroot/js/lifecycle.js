// The lifetime of a screen. The router gives each screen a scope (ctx.scope) and disposes it when the screen
// is left: for another screen, a not-found or error page, a redirect, sign-out, or the same screen drawn again
// after a language switch. Whatever the screen starts that outlives its DOM is registered here, so that it all
// ends together, once, instead of when its next event happens to arrive:
//   scope.add(onNotificationEvent(fn))         an unsubscribe (or any clean-up) to run at the end
//   scope.on(document, 'type', fn)             a listener on something that outlives the screen
//   scope.timeout(fn, ms)                      a timer (answers a function that cancels it)
//   scope.api('GET', path)                     a read: aborted at the end, and its promise then never settles,
//                                              so the code after its await never writes into a page that is gone
//   scope.guard(promise)                       the same for a promise of anything else: a mutation (never aborted:
//                                              the server may have done it) whose answer would navigate
//   scope.child()                              a scope for a part that is replaced while the screen lives
// A request the user made (a form, a button) runs to its end; only what would act outside the screen after it
// is left (navigate, change the address) waits behind scope.guard. Code after a guarded await never runs once the
// scope has ended, its finally blocks neither: keep clean-up of anything outside the screen out of them.
import { api } from './api.js';

export function scope() {
  const controller = new AbortController();
  const cleanups = new Set();
  let ended = false;
  const self = {
    /** Aborted when the scope ends: for fetch() or addEventListener() directly. */
    signal: controller.signal,

    /** True once disposed. */
    get disposed() {
      return ended;
    },

    /** fn() runs when the scope ends (now, if it has); answers a function that takes it back unrun. */
    add(fn) {
      if (ended) {
        fn();
        return () => {};
      }
      const once = () => fn();
      cleanups.add(once);
      return () => cleanups.delete(once);
    },

    /** target.addEventListener(type, listener, options) until the scope ends. */
    on(target, type, listener, options = {}) {
      const given = typeof options === 'boolean' ? { capture: options } : options;
      target.addEventListener(type, listener, { ...given, signal: controller.signal });
    },

    /** setTimeout that does not outlive the scope; answers a function that cancels it. */
    timeout(fn, ms) {
      const id = setTimeout(() => { forget(); fn(); }, ms);
      const forget = self.add(() => clearTimeout(id));
      return () => { clearTimeout(id); forget(); };
    },

    /** Settles as promise does while the scope lives; once it has ended, never. */
    guard(promise) {
      return new Promise((resolve, reject) => {
        Promise.resolve(promise).then(
          (value) => { if (!ended) resolve(value); },
          (error) => { if (!ended) reject(error); });
      });
    },

    /** api() for this screen: aborted when the scope ends, and then never settling. */
    api(method, path, body) {
      return self.guard(api(method, path, body, { signal: controller.signal }));
    },

    /** A scope of its own for a part (disposed with this one, or before, when the part is replaced). */
    child() {
      const part = scope();
      part.add(self.add(part.dispose));
      return part;
    },

    /** Ends the scope: aborts its requests, then runs its clean-ups, newest first. Only the first call counts. */
    dispose() {
      if (ended) return;
      ended = true;
      controller.abort();
      const pending = [...cleanups].reverse();
      cleanups.clear();
      for (const fn of pending) {
        try {
          fn();
        } catch (error) {
          console.warn(error);
        }
      }
    },
  };
  return self;
}

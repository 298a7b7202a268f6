// Modal dialogs for confirmations and small forms, on the native <dialog>: it traps the focus, Escape
// cancels it, and the page behind cannot be clicked. Errors from onSubmit land next to the dialog's fields.
// A dialog lives in <body>, outside the screen: given the screen's scope, it closes (cancelled) when the
// screen is left, by the back button for example, or when the session ends under it.
import { h, uid } from './dom.js';
import { handle } from './forms.js';
import { t } from './i18n.js';

/**
 * Opens a modal form: title, content (fields or text), a submit button and Cancel. onSubmit(values, form)
 * runs like a form handler; the dialog closes when it succeeds. Resolves with its result, or null if cancelled
 * (or if its scope ended first).
 */
export function openDialog({ title, content = [], submitLabel, danger = false, onSubmit, scope }) {
  const opener = document.activeElement;
  const titleId = uid('dialog-title');
  return new Promise((resolve) => {
    let result = null;
    const dialog = h('dialog', { class: 'modal', 'aria-labelledby': titleId });
    const close = () => dialog.close();
    const cancel = h('button', { type: 'button', class: 'button secondary', onclick: close }, t('common.cancel'));
    const form = handle(h('form', {},
      h('h2', { id: titleId }, title),
      content,
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'submit', class: `button${danger ? ' danger' : ''}` }, submitLabel), cancel)),
    async (values, formEl) => {
      result = await onSubmit(values, formEl);
      result = result === undefined ? true : result;
      close();
    });
    dialog.append(form);
    let forget = () => {};
    dialog.addEventListener('close', () => {
      forget();
      dialog.remove();
      if (opener && opener.isConnected) opener.focus();
      resolve(result);
    });
    document.body.append(dialog);
    dialog.showModal();
    // The first field; with none, the safe choice for a destructive question (Cancel), else the button.
    const first = form.querySelector('input, select, textarea');
    (first || (danger ? cancel : form.querySelector('button[type=submit]'))).focus();
    // Its screen left (even before it opened): cancelled.
    if (scope) forget = scope.add(close);
  });
}

/** "Delete X?" with a red button: resolves true once action() succeeded, false when cancelled. */
export async function confirmDialog({ title, text, confirmLabel, action, content = [], scope }) {
  const done = await openDialog({
    title, submitLabel: confirmLabel, danger: true, scope,
    content: [h('p', {}, text), content],
    onSubmit: async (values) => { await action(values); return true; },
  });
  return done === true;
}

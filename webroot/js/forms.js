// Submitting forms: a busy state while the request runs, and every error shown where it belongs. On any
// failure the form keeps what the user typed.
import { ApiError } from './api.js';
import { h, replace } from './dom.js';
import { t } from './i18n.js';

export function clearErrors(form) {
  form.querySelectorAll('.field .error').forEach((el) => { el.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  const alert = form.querySelector('.form-alert');
  if (alert) replace(alert);
}

/** The message for an error that names no field of this form. */
export function describe(error) {
  if (!(error instanceof ApiError)) return t('error.unexpected');
  if (error.network) return t('error.network');
  if (error.status >= 500) return t('error.server', { id: error.problem.requestId || '-' });
  if (error.status === 429) return t('error.tooMany');
  return error.problem.detail || error.problem.title || t('error.unexpected');
}

/**
 * A field error in the app's own language: from its rule code and parameters (rule.too_short with {min}) when the
 * app knows the rule, else the server's message, which the server already words in the language api.js asks for.
 */
export function fieldMessage({ rule, params, message }) {
  if (!rule) return message;
  const key = `rule.${rule}`;
  const text = t(key, params || {});
  return text === key ? message : text;
}

/** Puts each field error next to its field; what no field claims goes to the form's alert. */
export function showErrors(form, error) {
  clearErrors(form);
  const unclaimed = [];
  let first = null;
  const errors = error instanceof ApiError ? error.fieldErrors : [];
  for (const fieldError of errors) {
    const { field } = fieldError;
    const message = fieldMessage(fieldError);
    // A field may also claim errors the API reports under another name (data-also="slug" on a tag's name).
    const name = CSS.escape(field);
    const box = form.querySelector(`.field[data-field="${name}"]`) || form.querySelector(`.field[data-also~="${name}"]`);
    if (!box) { unclaimed.push(`${field}: ${message}`); continue; }
    const slot = box.querySelector('.error');
    slot.textContent = slot.textContent ? `${slot.textContent}; ${message}` : message;
    const input = box.querySelector('input, select, textarea');
    input.setAttribute('aria-invalid', 'true');
    first = first || input;
  }
  let alert = null;
  if (!errors.length || unclaimed.length) {
    alert = form.querySelector('.form-alert');
    if (!alert) { alert = h('div', { class: 'form-alert', role: 'alert', tabindex: '-1' }); form.prepend(alert); }
    replace(alert, h('p', {}, describe(error)), unclaimed.length ? h('ul', {}, unclaimed.map((u) => h('li', {}, u))) : null);
  }
  // The first field to fix gets the focus; otherwise the message, so that it is read out.
  (first || alert)?.focus();
}

/** Wires a form: onSubmit(values, form) runs with the button disabled; errors land next to the fields. */
export function handle(form, onSubmit) {
  form.noValidate = true;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    clearErrors(form);
    form.setAttribute('aria-busy', 'true');
    if (button) button.disabled = true;
    try {
      await onSubmit(Object.fromEntries(new FormData(form).entries()), form);
    } catch (error) {
      if (!(error instanceof ApiError)) console.warn(error);
      showErrors(form, error);
    } finally {
      form.removeAttribute('aria-busy');
      if (button) button.disabled = false;
    }
  });
  return form;
}

/** A success or information message inside a form or section. */
export function notice(container, text, kind = 'ok') {
  let box = container.querySelector(':scope > .notice');
  if (!box) { box = h('p', { class: `notice ${kind}`, role: 'status', tabindex: '-1' }); container.prepend(box); }
  box.className = `notice ${kind}`;
  box.textContent = text;
  return box;
}

// Building the DOM without innerHTML: every piece of text goes through textContent, so nothing the API
// returns (a name, a user agent, an audit detail) can ever become markup.

/** h('p', {class: 'x', onclick: fn}, 'text', child, [more]) -> element. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key in el && typeof value !== 'string') {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let ids = 0;
export const uid = (prefix = 'f') => `${prefix}-${++ids}`;

/** A labelled input with a slot for its error, tied together with aria-describedby. */
export function field({ name, label, type = 'text', value = '', autocomplete, required = false, hint, attrs = {} }) {
  const id = uid(name);
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  const input = h(type === 'textarea' ? 'textarea' : 'input', {
    id, name, type: type === 'textarea' ? undefined : type, autocomplete, required,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' '), ...attrs,
  });
  input.value = value ?? '';
  return h('div', { class: 'field', dataset: { field: name } },
    h('label', { for: id }, label),
    input,
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('p', { class: 'error', id: errorId, role: 'alert' }));
}

/** A select with a label; options are [value, text] pairs. */
export function select({ name, label, options, value = '' }) {
  const id = uid(name);
  const el = h('select', { id, name }, options.map(([v, text]) => h('option', { value: v }, text)));
  el.value = value;
  return h('div', { class: 'field', dataset: { field: name } }, h('label', { for: id }, label), el,
    h('p', { class: 'error', id: `${id}-error`, role: 'alert' }));
}

export function formValues(form) {
  return Object.fromEntries(new FormData(form).entries());
}

export function formatDate(iso, locale) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso
    : date.toLocaleString(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

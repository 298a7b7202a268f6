// The language of the interface: English or Indonesian, one module of strings per language. The choice is
// remembered in localStorage; a signed-in user's profile locale wins when the session starts.
import en from './i18n/en.js';
import id from './i18n/id.js';

const catalogs = { en, id };
export const LANGUAGES = [['en', 'English'], ['id', 'Bahasa Indonesia']];
const listeners = new Set();
let current = initial();

function initial() {
  const saved = localStorage.getItem('gerbang.lang');
  if (saved && catalogs[saved]) return saved;
  return (navigator.language || '').toLowerCase().startsWith('id') ? 'id' : 'en';
}

export function lang() {
  return current;
}

export function setLang(next) {
  if (!catalogs[next] || next === current) return;
  current = next;
  localStorage.setItem('gerbang.lang', next);
  document.documentElement.lang = next;
  listeners.forEach((fn) => fn(next));
}

/** fn(lang) after every switch of language; answers a function that stops it. */
export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** t('key', {n: 3}) -> the string in the current language, with {n} filled in; falls back to English. */
export function t(key, vars = {}) {
  const text = catalogs[current][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

document.documentElement.lang = current;

// Live feedback on a new password, from the server's own rules (POST /api/auth/password/check), so the
// form never disagrees with the API. Requests are debounced; the last answer wins. The waiting timer and the
// request belong to the screen's scope: a screen left while one waits asks nothing more.
import { h, replace } from './dom.js';
import { t } from './i18n.js';

export function passwordRules(scope, input, emailOf = () => '') {
  const list = h('ul', { class: 'rules', 'aria-live': 'polite' });
  let cancel = () => {};
  let asked = 0;
  const check = async () => {
    const password = input.value;
    if (!password) { replace(list); return; }
    const id = ++asked;
    try {
      const email = emailOf();
      const result = await scope.api('POST', '/api/auth/password/check', email ? { password, email } : { password });
      if (id !== asked) return;
      replace(list, result.ok
        ? h('li', { class: 'rule ok' }, t('password.ok'))
        : result.failures.map((f) => h('li', { class: 'rule bad', dataset: { rule: f.rule } }, ruleText(f, result))));
    } catch (error) {
      if (id === asked) replace(list); // Feedback is a help: the submit answer still tells the truth.
    }
  };
  input.addEventListener('input', () => { cancel(); cancel = scope.timeout(check, 250); });
  return list;
}

function ruleText(failure, result) {
  const key = `password.rule.${failure.rule}`;
  const text = t(key, { min: result.minLength, max: result.maxLength });
  return text === key ? failure.message : text;
}

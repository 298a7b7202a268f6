import { api } from '../../api.js';
import { field, formValues, h, replace } from '../../dom.js';
import { clearErrors, handle, notice, showErrors } from '../../forms.js';
import { t } from '../../i18n.js';
import { sanitizedHtml } from './article.js';

/**
 * Writing an article: Markdown with a preview of the HTML the server will publish (each preview saves the
 * draft, so nothing typed is lost), a category, tags, and publish/unpublish.
 */
export default async function editorScreen({ params, navigate, scope }) {
  let article = null;
  if (params.slug) {
    article = await scope.api('GET', `/api/articles/${encodeURIComponent(params.slug)}`);
  }
  const categories = await scope.api('GET', '/api/categories').then((r) => r.items).catch(() => []);
  const preview = h('div', { class: 'card preview', 'aria-live': 'polite' },
    article ? sanitizedHtml(article.html) : h('p', { class: 'meta' }, t('blog.previewEmpty')));
  const category = h('select', { name: 'category', id: 'editor-category' }, h('option', { value: '' }, t('blog.noCategory')),
    categories.map((c) => h('option', { value: c.slug }, c.name)));
  category.value = article?.category?.slug || '';
  const statusLine = h('p', { class: 'meta', 'data-status': article?.status || 'new' },
    article ? t(`blog.status.${article.status}`) : t('blog.status.new'));

  const save = async (values) => {
    const body = {
      title: values.title, summary: values.summary || null, body: values.body,
      tags: values.tags.split(',').map((s) => s.trim()).filter(Boolean),
    };
    if (values.category) body.category = values.category;
    // Saved after the user left, the draft must not change the address of the page they went to.
    article = await scope.guard(article
      ? api('PATCH', `/api/articles/${encodeURIComponent(article.slug)}`, body)
      : api('POST', '/api/articles', { ...body, status: 'draft' }));
    replace(preview, sanitizedHtml(article.html));
    replace(statusLine, t(`blog.status.${article.status}`));
    statusLine.dataset.status = article.status;
    history.replaceState(null, '', `/articles/${encodeURIComponent(article.slug)}/edit`);
    return article;
  };
  const form = handle(h('form', { class: 'card editor' },
    field({ name: 'title', label: t('blog.fieldTitle'), value: article?.title || '', required: true }),
    field({ name: 'summary', label: t('blog.fieldSummary'), value: article?.summary || '' }),
    h('div', { class: 'field', dataset: { field: 'category' } }, h('label', { for: 'editor-category' }, t('blog.category')), category,
      h('p', { class: 'error', role: 'alert' })),
    field({ name: 'tags', label: t('blog.fieldTags'), value: (article?.tags || []).map((x) => x.name).join(', '), hint: t('blog.tagsHint') }),
    field({ name: 'body', label: t('blog.fieldBody'), type: 'textarea', value: article?.body || '', required: true, hint: t('blog.markdownHint') }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button secondary', name: 'intent', value: 'preview' }, t('blog.saveDraft')),
      h('button', { type: 'button', class: 'button', id: 'publish' },
        t(article?.status === 'published' ? 'blog.unpublish' : 'blog.publish')))),
  async (values, formEl) => {
    await save(values);
    notice(formEl, t('blog.saved'));
  });
  form.querySelector('#publish').addEventListener('click', async (event) => {
    const button = event.currentTarget;
    clearErrors(form);
    button.disabled = true;
    try {
      await save(formValues(form));
      const action = article.status === 'published' ? 'unpublish' : 'publish';
      article = await scope.guard(api('POST', `/api/articles/${encodeURIComponent(article.slug)}/${action}`));
      navigate(`/articles/${encodeURIComponent(article.slug)}`);
    } catch (error) {
      showErrors(form, error);
    } finally {
      button.disabled = false;
    }
  });
  return h('section', {},
    h('h1', {}, article ? t('blog.editTitle') : t('blog.write')), statusLine,
    h('div', { class: 'editor-grid' }, form, h('div', {}, h('h2', {}, t('blog.preview')), preview)));
}

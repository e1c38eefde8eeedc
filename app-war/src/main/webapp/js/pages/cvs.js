// Saved CVs: the list (GET /cvs, DELETE /cvs/{id}) and one CV (GET /cvs/{id}).

import { api, apiUrl, del } from '../api.js';
import { h, show, announce, alertError, confirmDialog, notAvailableNote, formatDate } from '../ui.js';
import { cvView } from './cv-view.js';

export async function list(container) {
  const heading = h('div', { class: 'page-head' },
    h('h1', {}, 'Saved CVs'),
    h('a', { href: '#/tailor', class: 'button' }, 'Tailor a new CV'));
  const body = h('div', { id: 'cv-list-area' }, h('p', { class: 'loading' }, 'Loading…'));
  show(container, heading, body);

  async function load() {
    try {
      const answer = await api('GET', 'cvs', { feature: 'Saved CVs' });
      const cvs = Array.isArray(answer) ? answer : answer?.items || answer?.cvs || [];
      if (cvs.length === 0) {
        show(body, h('p', {}, 'No CVs yet. ', h('a', { href: '#/tailor' }, 'Tailor one to a job posting'), '.'));
        return;
      }
      show(body, h('ul', { class: 'cv-list', id: 'cv-list' }, cvs.map(item)));
    } catch (error) {
      show(body, error.notAvailable ? notAvailableNote('Saved CVs') : h('p', { class: 'error-text' }, error.message));
    }
  }

  function item(cv) {
    const id = encodeURIComponent(cv.id);
    const title = cv.name || cv.job_title || cv.company || 'Tailored CV';
    const titleId = `cv-title-${cv.id}`;
    const total = cv.requirements; // GET /cvs lists summaries with the counts
    return h('li', { class: 'cv-item', 'data-id': cv.id },
      h('div', {},
        h('h2', { id: titleId }, h('a', { href: `#/cvs/${id}` }, title)),
        h('p', { class: 'meta' },
          cv.created_at ? formatDate(cv.created_at) : '',
          typeof total === 'number' && total > 0 ? ` · covers ${cv.requirements_covered} of ${total} requirements` : ''),
      ),
      h('div', { class: 'row-actions' },
        h('a', { class: 'button secondary small', href: apiUrl(`cvs/${id}/pdf`), download: '', 'aria-describedby': titleId }, 'PDF'),
        h('button', { type: 'button', class: 'danger small', 'aria-describedby': titleId, onclick: () => remove(cv, title) }, 'Delete'),
      ),
    );
  }

  async function remove(cv, title) {
    if (!(await confirmDialog(`Delete the CV “${title}”? This cannot be undone.`))) return;
    try {
      await del(`cvs/${encodeURIComponent(cv.id)}`);
      announce(`Deleted the CV “${title}”.`);
      await load();
      heading.querySelector('a').focus();
    } catch (error) {
      alertError(`Could not delete the CV: ${error.message}`);
    }
  }

  await load();
}

export async function detail(container, params) {
  const heading = h('h1', {}, 'Saved CV');
  show(container, heading, h('p', { class: 'loading' }, 'Loading…'));
  try {
    const cv = await api('GET', `cvs/${encodeURIComponent(params.id)}`);
    show(container, heading, cvView(cv), h('p', {}, h('a', { href: '#/cvs' }, '← All saved CVs')));
  } catch (error) {
    const message = error.status === 404
      ? 'This CV does not exist, or saved CVs are not available on this server yet.'
      : error.message;
    show(container, heading, h('p', { class: 'error-text' }, message),
      h('p', {}, h('a', { href: '#/cvs' }, '← All saved CVs')));
  }
}

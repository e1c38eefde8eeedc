// Add or edit one artifact (POST /artifacts, PUT /artifacts/{id} with its version; 409 when stale).

import { get, post, put } from '../api.js';
import { h, show, field, errorSummary, clearErrors, showErrors } from '../ui.js';
import { TYPES, badge } from './artifacts.js';

const DATE_HINT = 'As you write it: 2020, March 2020, 03/2020 or 2020-03';
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * "March 2020", "03/2020", "2020/3" → "2020-03" (the form the API stores); anything else is left
 * as typed, for the server to accept or to name the field. The server reads the same forms
 * (PartialDate), so this only shows the normalised date as soon as the field is left.
 */
export function normaliseDate(typed) {
  const text = String(typed || '').trim().replace(/\s+/g, ' ');
  if (text.length > 40) return typed;
  const month2 = (m) => String(m).padStart(2, '0');
  let m = /^([A-Za-z]{3,9})\.?,? ?(\d{4})$/.exec(text);
  if (m) {
    const index = MONTHS.findIndex((name) => name.startsWith(m[1].toLowerCase()));
    return index >= 0 ? `${m[2]}-${month2(index + 1)}` : typed;
  }
  m = /^(\d{1,2})[/.](\d{4})$/.exec(text);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return `${m[2]}-${month2(m[1])}`;
  m = /^(\d{4})[/.](\d{1,2})$/.exec(text);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${month2(m[2])}`;
  return typed;
}

export async function render(container, params, app) {
  const editing = params.id !== undefined;
  const heading = h('h1', {}, editing ? 'Edit artifact' : 'Add artifact');
  show(container, heading, editing ? h('p', { class: 'loading' }, 'Loading…') : null);

  let artifact = {};
  if (editing) {
    try {
      artifact = await get(`artifacts/${encodeURIComponent(params.id)}`);
    } catch (error) {
      show(container, heading, h('p', { class: 'error-text' },
        error.status === 404 ? 'This artifact does not exist (or is not yours).' : error.message),
      h('p', {}, h('a', { href: '#/artifacts' }, 'Back to the artifacts')));
      return;
    }
  }

  const form = h('form', { id: 'artifact-form', class: 'card', novalidate: true });
  fill(form, artifact);
  form.addEventListener('focusout', (event) => {
    if (event.target.name === 'started_on' || event.target.name === 'ended_on') {
      event.target.value = normaliseDate(event.target.value);
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const body = draftFrom(form, artifact);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const saved = editing
        ? await put(`artifacts/${artifact.id}`, { ...body, version: artifact.version })
        : await post('artifacts', body);
      app.navigate('artifacts', `Saved “${saved.title}”. It is being embedded for matching.`);
    } catch (error) {
      if (error.status === 409 && editing) {
        conflict(form, error, async () => {
          artifact = await get(`artifacts/${artifact.id}`);
          fill(form, artifact);
          drawMeta();
          form.querySelector('#artifact-form-status').textContent = `Loaded version ${artifact.version}.`;
          form.elements.title.focus();
        });
      } else {
        showErrors(form, error);
      }
    } finally {
      button.disabled = false;
    }
  });

  const meta = h('p', { class: editing ? 'meta' : 'lead' });
  const drawMeta = () => editing
    ? show(meta, 'Embedding: ', badge(artifact),
        artifact.embedding_error ? ` ${artifact.embedding_error}` : '', ` · version ${artifact.version}`)
    : show(meta, 'One piece of your career. The more concrete the description, the better it matches job postings.');
  drawMeta();
  show(container, heading, meta, form);
}

/** (Re)builds the form's fields from an artifact. */
function fill(form, a) {
  const editing = a.id !== undefined;
  show(
    form,
    errorSummary('artifact-errors'),
    h('p', { id: 'artifact-form-status', class: 'visually-hidden', role: 'status' }),
    h('div', { class: 'grid two' },
      field({ id: 'title', label: 'Title', required: true, value: a.title, attrs: { maxlength: 300 } }),
      field({ id: 'artifact_type', label: 'Type', required: true, value: a.artifact_type || 'experience', options: TYPES }),
      field({ id: 'organization', label: 'Organization', value: a.organization, hint: 'Employer, client, school, conference…', attrs: { maxlength: 300 } }),
      field({ id: 'url', label: 'Link', type: 'url', value: a.url, hint: 'An http(s) address, optional', attrs: { placeholder: 'https://' } }),
      field({ id: 'started_on', label: 'Started', value: a.started_on, hint: DATE_HINT, attrs: { placeholder: 'March 2021', maxlength: 40 } }),
      field({ id: 'ended_on', label: 'Ended', value: a.ended_on, hint: `${DATE_HINT}; empty if ongoing`, attrs: { placeholder: '2023', maxlength: 40 } }),
    ),
    field({ id: 'description', label: 'Description', multiline: true, rows: 3, value: a.description, hint: 'A sentence or two: what, for whom, the result.', attrs: { maxlength: 10000 } }),
    field({ id: 'content', label: 'Details', multiline: true, rows: 6, value: a.content, hint: 'Achievements, responsibilities, technologies — one per line works well.', attrs: { maxlength: 100000 } }),
    field({ id: 'tags', label: 'Tags', value: (a.tags || []).join(', '), hint: 'Separated by commas, e.g. java, postgresql, team lead' }),
    h('fieldset', { class: 'radios', 'data-field': 'visibility', id: 'visibility', 'aria-describedby': 'visibility-error' },
      h('legend', {}, 'Visibility'),
      radio('visibility-private', 'private', 'Private — only you', a.visibility !== 'public'),
      radio('visibility-public', 'public', 'Public — may appear in other users’ similarity searches', a.visibility === 'public'),
      h('p', { class: 'field-error', id: 'visibility-error', hidden: true }),
    ),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'artifact-save' }, editing ? 'Save changes' : 'Add artifact'),
      h('a', { href: '#/artifacts', class: 'button secondary' }, 'Cancel'),
    ),
  );
}

function radio(id, value, text, checked) {
  return h('div', { class: 'radio' },
    h('input', { type: 'radio', id, name: 'visibility', value, checked }),
    h('label', { for: id }, text));
}

/** The request body: blanks become null; tags split on commas; metadata kept as it was. */
function draftFrom(form, original) {
  const text = (name) => {
    const value = form.elements[name].value.trim();
    return value === '' ? null : value;
  };
  return {
    title: form.elements.title.value.trim(),
    artifact_type: form.elements.artifact_type.value,
    organization: text('organization'),
    url: text('url'),
    started_on: text('started_on'),
    ended_on: text('ended_on'),
    description: text('description'),
    content: text('content'),
    tags: form.elements.tags.value.split(',').map((t) => t.trim()).filter(Boolean),
    visibility: form.querySelector('input[name=visibility]:checked')?.value || 'private',
    metadata: original.metadata || {},
  };
}

/** 409: someone (another tab, an import) changed the artifact after this form was opened. */
function conflict(form, error, reload) {
  const summary = form.querySelector('.error-summary');
  show(
    summary,
    h('p', { class: 'summary-title' }, 'This artifact was changed somewhere else after you opened it, so your changes were not saved.'),
    h('p', {}, 'Your edits are still in the form. Copy what you need, then load the latest version and apply them again.'),
    error.detail ? h('p', { class: 'muted' }, `Server: ${error.detail}`) : null,
    h('button', { type: 'button', class: 'secondary', id: 'reload-latest', onclick: () => reload().catch((e) => showErrors(form, e)) }, 'Load the latest version'),
  );
  summary.hidden = false;
  summary.focus();
}

// Tailor: rank the artifacts against a job posting (POST /artifacts/rank) and generate a CV
// from them (POST /cvs).

import { api, get } from '../api.js';
import { h, show, field, errorSummary, clearErrors, showErrors, notAvailableNote, announce, scoreBar, percent } from '../ui.js';
import { cvView } from './cv-view.js';

const METHODS = [
  ['hybrid', 'Hybrid', 'meaning and exact words combined (recommended)'],
  ['semantic', 'Semantic', 'similar meaning, even in other words'],
  ['keyword', 'Keyword', 'the posting’s exact words'],
];

// The posting survives leaving the page and coming back.
const draft = { job_description: '', job_title: '', company: '', ranking_method: 'hybrid', top_k: 10, theme: 'classic' };

export function render(container) {
  const results = h('section', { id: 'rank-results', 'aria-labelledby': 'rank-heading', class: 'results', hidden: true });
  const cvArea = h('div', { id: 'cv-area' });

  const form = h(
    'form',
    { id: 'tailor-form', class: 'card', novalidate: true },
    errorSummary('tailor-errors'),
    field({
      id: 'job_description',
      label: 'Job posting',
      required: true,
      multiline: true,
      rows: 10,
      value: draft.job_description,
      hint: 'Paste the whole posting: responsibilities and requirements matter most.',
    }),
    h('div', { class: 'grid two' },
      field({ id: 'job_title', label: 'Job title', value: draft.job_title, hint: 'Optional; used as the CV’s title', attrs: { maxlength: 300 } }),
      field({ id: 'company', label: 'Company', value: draft.company, hint: 'Optional', attrs: { maxlength: 300 } }),
      field({ id: 'theme', label: 'Look of the CV', value: draft.theme, options: [['classic', 'Classic'], ['modern', 'Modern'], ['compact', 'Compact']], hint: 'The same in PDF, Word and the preview; all single-column and ATS-safe' }),
    ),
    h('fieldset', { class: 'radios methods', 'data-field': 'ranking_method', id: 'ranking_method', 'aria-describedby': 'ranking_method-error' },
      h('legend', {}, 'Matching method'),
      METHODS.map(([value, label, hint]) =>
        h('div', { class: 'radio' },
          h('input', { type: 'radio', name: 'ranking_method', id: `method-${value}`, value, checked: draft.ranking_method === value }),
          h('label', { for: `method-${value}` }, h('strong', {}, label), ` — ${hint}`))),
      h('p', { class: 'field-error', id: 'ranking_method-error', hidden: true }),
    ),
    field({ id: 'top_k', label: 'How many matches to show', type: 'number', value: draft.top_k, attrs: { min: 1, max: 50, inputmode: 'numeric', class: 'short' } }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'rank-submit' }, 'Rank my artifacts'),
      h('button', { type: 'button', id: 'generate-cv', class: 'accent' }, 'Generate CV'),
    ),
  );

  const remember = () => {
    draft.job_description = form.elements.job_description.value;
    draft.job_title = form.elements.job_title.value;
    draft.company = form.elements.company.value;
    draft.theme = form.elements.theme.value;
    draft.ranking_method = form.querySelector('input[name=ranking_method]:checked')?.value || 'hybrid';
    draft.top_k = Number.parseInt(form.elements.top_k.value, 10) || 10;
  };
  form.addEventListener('input', remember);
  form.addEventListener('change', remember);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    remember();
    await busy(form.querySelector('#rank-submit'), 'Ranking…', () => rank(form, results));
  });
  form.querySelector('#generate-cv').addEventListener('click', async (event) => {
    remember();
    await busy(event.currentTarget, 'Generating…', () => generate(form, cvArea));
  });

  show(
    container,
    h('h1', {}, 'Tailor a CV'),
    h('p', { class: 'lead' }, 'Paste a job posting to see which of your artifacts match it best, then generate a CV that leads with them.'),
    form,
    results,
    cvArea,
  );
}

async function busy(button, text, work) {
  const label = button.textContent;
  button.disabled = true;
  button.textContent = text;
  try {
    await work();
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

async function rank(form, results) {
  clearErrors(form);
  results.hidden = false;
  results.setAttribute('aria-busy', 'true');
  show(results, h('h2', { id: 'rank-heading' }, 'Best matches'), h('p', { class: 'loading' }, 'Ranking…'));
  try {
    const answer = await api('POST', 'artifacts/rank', {
      body: { job_description: draft.job_description, ranking_method: draft.ranking_method, top_k: draft.top_k },
      feature: 'Ranking',
    });
    const ranked = answer?.ranked_artifacts || [];
    const titles = await titlesOf(ranked.map((r) => r.artifact_id));
    show(
      results,
      h('h2', { id: 'rank-heading', tabindex: '-1' }, 'Best matches'),
      ranked.length === 0
        ? h('p', {}, 'None of your artifacts matched. Add artifacts, or wait until their embeddings are ready.')
        : h('ol', { class: 'ranked', id: 'ranked-list' }, ranked.map((r) => rankedItem(r, titles.get(r.artifact_id)))),
    );
    announce(`${ranked.length} matching artifact${ranked.length === 1 ? '' : 's'} found.`);
    results.querySelector('h2').focus();
  } catch (error) {
    if (error.notAvailable) {
      show(results, h('h2', { id: 'rank-heading' }, 'Best matches'), notAvailableNote('Ranking'));
    } else {
      show(results);
      results.hidden = true;
      showErrors(form, error);
    }
  } finally {
    results.removeAttribute('aria-busy');
  }
}

function rankedItem(r, artifact) {
  const title = artifact?.title || `Artifact #${r.artifact_id}`;
  return h('li', { class: 'ranked-item', 'data-id': r.artifact_id },
    h('h3', {}, h('a', { href: `#/artifacts/${r.artifact_id}` }, title)),
    artifact?.organization ? h('p', { class: 'meta' }, artifact.organization) : null,
    scoreBar(r.relevance_score, 'Relevance'),
    h('p', { class: 'subscores' },
      `Semantic ${percent(r.semantic_similarity)} · Keyword ${percent(r.keyword_match_score)}`),
    r.explanation ? h('p', { class: 'explanation' }, r.explanation) : null,
  );
}

async function titlesOf(ids) {
  const found = new Map();
  await Promise.all(ids.map(async (id) => {
    try {
      found.set(id, await get(`artifacts/${id}`));
    } catch (missing) {
      // Shown as "Artifact #id".
    }
  }));
  return found;
}

async function generate(form, cvArea) {
  clearErrors(form);
  show(cvArea, h('p', { class: 'loading' }, 'Generating your CV… this can take a few seconds.'));
  try {
    const body = { job_description: draft.job_description, ranking_method: draft.ranking_method };
    if (draft.job_title.trim()) body.job_title = draft.job_title.trim();
    if (draft.company.trim()) body.company = draft.company.trim();
    body.theme = draft.theme;
    const cv = await api('POST', 'cvs', { body, feature: 'CV generation' });
    show(cvArea, cvView(cv), h('p', {}, h('a', { href: '#/cvs' }, 'All saved CVs')));
    announce('Your CV is ready.');
    cvArea.querySelector('h2').focus();
  } catch (error) {
    if (error.notAvailable) {
      show(cvArea, notAvailableNote('CV generation'));
    } else {
      show(cvArea);
      showErrors(form, error);
    }
  }
}

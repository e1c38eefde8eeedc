// Tailor: paste a posting → matches with their fit and evidence (POST /artifacts/rank) → a CV
// built from the same inputs (POST /cvs) → edit and download. Results that no longer match the
// form (another posting, method or count) are marked out of date until ranked again.

import { api, get } from '../api.js';
import { h, show, field, errorSummary, clearErrors, showErrors, notAvailableNote, announce, FIT_LABELS, fitBadge } from '../ui.js';
import { cvView } from './cv-view.js';


const METHODS = [
  ['hybrid', 'Hybrid', 'meaning and exact words combined (recommended)'],
  ['semantic', 'Semantic', 'similar meaning, even in other words'],
  ['keyword', 'Keyword', 'the posting’s exact words'],
];

// The posting survives leaving the page and coming back.
const draft = { job_description: '', job_title: '', company: '', ranking_method: 'hybrid', top_k: 10, theme: 'classic' };

// What the results on screen were computed from (null: nothing shown yet).
let shownFor = null;

function inputsKey() {
  return JSON.stringify([draft.job_description.trim(), draft.ranking_method, draft.top_k]);
}

/** Another page (the first-run guide) fills the posting. */
export function usePosting(text) {
  draft.job_description = text;
}

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
  const staleNote = h('p', { class: 'note stale-note', id: 'stale-note', role: 'status', hidden: true },
    'Out of date: the posting, method or count changed since these matches were ranked. Rank again to update them.');
  const markStale = () => {
    const stale = shownFor !== null && shownFor !== inputsKey();
    staleNote.hidden = !stale;
    results.classList.toggle('stale', stale);
    cvArea.classList.toggle('stale', stale && cvArea.childElementCount > 0);
  };
  form.addEventListener('input', () => { remember(); markStale(); });
  form.addEventListener('change', () => { remember(); markStale(); });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    remember();
    await busy(form.querySelector('#rank-submit'), 'Ranking…', () => rank(form, results));
    markStale();
  });
  form.querySelector('#generate-cv').addEventListener('click', async (event) => {
    remember();
    const button = event.currentTarget;
    await busy(button, 'Generating…', async () => {
      // The CV is built from what is shown: rank first when the matches are missing or stale.
      if (shownFor !== inputsKey() && !(await rank(form, results))) return;
      markStale();
      await generate(form, cvArea);
    });
  });

  show(
    container,
    h('h1', {}, 'Tailor a CV'),
    h('p', { class: 'lead' }, 'Paste a job posting to see which of your artifacts match it best, then generate a CV that leads with them.'),
    form,
    staleNote,
    results,
    cvArea,
  );
  markStale();
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

/** Ranks and shows the matches; true when they are on screen. */
async function rank(form, results) {
  clearErrors(form);
  results.hidden = false;
  results.setAttribute('aria-busy', 'true');
  show(results, h('h2', { id: 'rank-heading' }, 'Best matches'), h('p', { class: 'loading' }, 'Ranking…'));
  const key = inputsKey();
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
        : [
            postingSummary(answer.fit, ranked),
            requirementsAnswered(ranked, titles),
            h('h3', {}, 'Your matches'),
            h('p', { class: 'hint' }, 'Ordered by the method you chose; the fit (strong, partial, weak, unrelated) is the same for every method.'),
            h('ol', { class: 'ranked', id: 'ranked-list' }, ranked.map((r) => rankedItem(r, titles.get(r.artifact_id)))),
          ],
    );
    shownFor = key;
    announce(`${ranked.length} matching artifact${ranked.length === 1 ? '' : 's'} found. ${fitSentence(answer?.fit)}`);
    results.querySelector('h2').focus();
    return true;
  } catch (error) {
    shownFor = null;
    if (error.notAvailable) {
      show(results, h('h2', { id: 'rank-heading' }, 'Best matches'), notAvailableNote('Ranking'));
    } else {
      show(results);
      results.hidden = true;
      showErrors(form, error);
    }
    return false;
  } finally {
    results.removeAttribute('aria-busy');
  }
}

function fitSentence(fit) {
  switch (fit?.level) {
    case 'strong': return 'Your best match is a strong fit.';
    case 'partial': return 'Your best match is a partial fit.';
    case 'weak': return 'Your best match is only a weak fit.';
    case 'unrelated': return 'None of your artifacts fits this posting.';
    default: return '';
  }
}

/** How well the person fits the posting at all, before the list. */
function postingSummary(fit, ranked) {
  const counts = {};
  for (const r of ranked) counts[r.fit?.level] = (counts[r.fit?.level] || 0) + 1;
  const parts = ['strong', 'partial', 'weak', 'unrelated']
    .filter((level) => counts[level])
    .map((level) => `${counts[level]} ${FIT_LABELS[level].toLowerCase()}`);
  return h('div', { class: `note fit-summary fit-summary-${fit?.level || 'none'}`, id: 'fit-summary' },
    h('p', {}, h('strong', {}, fitSentence(fit) || 'Fit not known.')),
    parts.length ? h('p', { class: 'muted' }, `Shown: ${parts.join(', ')}.`) : null,
    fit?.level === 'unrelated' || fit?.level === 'weak'
      ? h('p', {}, 'A CV for this posting would have little to say. Add artifacts that show this kind of work, if you have done it.')
      : null,
  );
}

/**
 * The posting's requirements that the shown strong or partial matches answer, each linked to its
 * evidence artifact with the quoted passage (the best one among the matches).
 */
function requirementsAnswered(ranked, titles) {
  const best = new Map();
  for (const r of ranked) {
    if (r.fit?.level !== 'strong' && r.fit?.level !== 'partial') continue;
    for (const e of r.evidence || []) {
      if (!e.passage) continue;
      const known = best.get(e.requirement);
      if (!known || e.similarity > known.evidence.similarity) best.set(e.requirement, { evidence: e, artifactId: r.artifact_id });
    }
  }
  if (best.size === 0) return null;
  return h('section', { class: 'answered', 'aria-labelledby': 'answered-heading' },
    h('h3', { id: 'answered-heading' }, 'Requirements your matches answer'),
    h('ul', { class: 'requirements covered', id: 'requirements-answered' },
      [...best.entries()].map(([requirement, { evidence, artifactId }]) =>
        h('li', {},
          h('span', { class: 'mark', 'aria-hidden': 'true' }, '✓ '),
          requirement,
          ' — ',
          h('a', { href: `#/artifacts/${artifactId}` }, titles.get(artifactId)?.title || `Artifact #${artifactId}`),
          ': ',
          h('q', {}, evidence.passage)))),
  );
}

function rankedItem(r, artifact) {
  const title = artifact?.title || `Artifact #${r.artifact_id}`;
  const evidence = (r.evidence || []).filter((e) => e.passage);
  return h('li', { class: `ranked-item fit-${r.fit?.level || 'none'}`, 'data-id': r.artifact_id, 'data-fit': r.fit?.level || '' },
    h('div', { class: 'ranked-head' },
      h('h3', {}, h('a', { href: `#/artifacts/${r.artifact_id}` }, title)),
      fitBadge(r.fit)),
    artifact?.organization ? h('p', { class: 'meta' }, artifact.organization) : null,
    r.fit?.level !== 'unrelated' && evidence.length
      ? h('dl', { class: 'evidence' },
          evidence.flatMap((e) => [
            h('dt', {}, `Requirement: ${e.requirement}`),
            h('dd', {}, h('q', {}, e.passage)),
          ]))
      : null,
    r.matched_keywords?.length
      ? h('p', { class: 'muted' }, `Words in common with the posting: ${r.matched_keywords.join(', ')}.`)
      : h('p', { class: 'muted' }, 'No key words in common with the posting.'),
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
    // The CV is made from the matches shown: the same method and the same count (max_items).
    const body = { job_description: draft.job_description, ranking_method: draft.ranking_method, max_items: draft.top_k };
    if (draft.job_title.trim()) body.job_title = draft.job_title.trim();
    if (draft.company.trim()) body.company = draft.company.trim();
    body.theme = draft.theme;
    const cv = await api('POST', 'cvs', { body, feature: 'CV generation' });
    show(cvArea, cvView(cv), h('p', {}, h('a', { href: '#/cvs' }, 'All saved CVs')));
    const requirements = cv.coverage?.requirements || [];
    const covered = requirements.filter((r) => r.covered).length;
    announce(requirements.length
      ? `Your CV is ready and saved: it covers ${covered} of ${requirements.length} requirements.`
      : 'Your CV is ready and saved.');
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

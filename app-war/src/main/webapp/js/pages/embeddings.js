// Re-index: re-embed every artifact (after a model change) and follow the job's progress
// (POST /embeddings/reindex -> {job_id}; GET /embeddings/reindex/{job_id} -> {status, done, total, failed}).

import { api } from '../api.js';
import { h, show, field, errorSummary, clearErrors, showErrors, notAvailableNote, announce } from '../ui.js';

const POLL_MS = 1000;
const RUNNING = new Set(['queued', 'pending', 'running', 'started', 'in_progress']);
const finished = (job) => !RUNNING.has(String(job.status).toLowerCase());
const said = (status) => String(status).replace(/_/g, ' '); // completed_with_failures -> completed with failures

// The running job survives leaving the page and coming back.
let currentJob = null;

export function render(container) {
  let timer = null;
  const statusArea = h('div', { id: 'embedding-status', class: 'card' }, h('p', { class: 'loading' }, 'Loading…'));
  const progressArea = h('div', { id: 'reindex-progress', class: 'progress-area' });
  const form = h(
    'form',
    { id: 'reindex-form', class: 'card', novalidate: true },
    errorSummary('reindex-errors'),
    field({ id: 'reindex-model', name: 'model', label: 'Model', hint: 'Optional. Leave empty to use the configured model.', attrs: { maxlength: 200 } }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'reindex-start' }, 'Re-index all artifacts')),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const model = form.elements.model.value.trim();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const job = await api('POST', 'embeddings/reindex', { body: model ? { model } : {}, feature: 'Re-indexing' });
      currentJob = job.job_id;
      announce('Re-indexing started.');
      draw({ status: 'queued', done: 0, total: 0, failed: 0 });
      poll();
    } catch (error) {
      if (error.notAvailable) {
        show(progressArea, notAvailableNote('Re-indexing'));
      } else {
        showErrors(form, error);
      }
    } finally {
      button.disabled = false;
    }
  });

  function draw(job) {
    const total = Number(job.total) || 0;
    const done = Number(job.done) || 0;
    const failed = Number(job.failed) || 0;
    const over = finished(job);
    show(
      progressArea,
      h('label', { for: 'reindex-bar' }, 'Progress'),
      total > 0 || over
        ? h('progress', { id: 'reindex-bar', max: Math.max(total, 1), value: over && total === 0 ? 1 : done })
        : h('progress', { id: 'reindex-bar' }), // indeterminate until the total is known
      h('p', { id: 'reindex-text' },
        `Status: ${said(job.status)}. ${done} of ${total} artifacts re-embedded`,
        failed ? `, ${failed} failed` : '', '.'),
      failed ? h('p', { class: 'hint' }, 'Failed artifacts show a “Failed” badge in the list; editing one retries it.') : null,
    );
  }

  async function poll() {
    timer = null;
    if (!currentJob || !container.isConnected) return;
    try {
      const job = await api('GET', `embeddings/reindex/${encodeURIComponent(currentJob)}`);
      if (!container.isConnected) return;
      draw(job);
      if (finished(job)) {
        announce(`Re-indexing ${said(job.status)}: ${job.done} of ${job.total} done${job.failed ? `, ${job.failed} failed` : ''}.`);
        loadStatus();
        currentJob = null;
      } else {
        timer = setTimeout(poll, POLL_MS);
      }
    } catch (error) {
      if (error.status === 404) {
        show(progressArea, h('p', {}, 'That re-indexing job is no longer known to the server.'));
        currentJob = null;
      } else if (error.status !== 401) {
        timer = setTimeout(poll, POLL_MS * 5);
      }
    }
  }

  /** GET /embeddings/status: the active model and how many artifacts are embedded with it. */
  async function loadStatus() {
    try {
      const st = await api('GET', 'embeddings/status', { feature: 'Embedding status' });
      show(statusArea,
        h('h2', {}, 'Your artifacts'),
        h('p', {}, 'Model: ', h('strong', {}, st.model || 'unknown'), st.dimensions ? ` (${st.dimensions} dimensions)` : ''),
        h('p', { id: 'embedding-counts' },
          `${st.ready} of ${st.artifacts} ready`, st.pending ? `, ${st.pending} pending` : '', st.failed ? `, ${st.failed} failed` : '', '.'));
    } catch (error) {
      show(statusArea, error.notAvailable ? notAvailableNote('Embedding status') : h('p', { class: 'error-text' }, error.message));
    }
  }

  show(
    container,
    h('h1', {}, 'Embeddings'),
    h('p', { class: 'lead' }, 'Every artifact is embedded automatically when you save it. Re-index after the embedding model changes, so that all artifacts are compared in the same space.'),
    statusArea,
    form,
    progressArea,
  );
  loadStatus();
  if (currentJob) poll();
  return () => timer && clearTimeout(timer);
}

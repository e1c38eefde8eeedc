// Import a JSON Resume document (POST /artifacts/import) from a file or pasted text.

import { api } from '../api.js';
import { h, show, field, errorSummary, clearErrors, showErrors, notAvailableNote, announce } from '../ui.js';
import { uploadCard } from './document-import.js';

const MAX_BYTES = 5 * 1024 * 1024;

export function render(container, params, app) {
  const result = h('div', { id: 'import-result' });
  const fileInput = h('input', { type: 'file', id: 'import-file', name: 'file', accept: '.json,application/json', 'aria-describedby': 'import-file-hint import-file-error' });
  const form = h(
    'form',
    { id: 'import-form', class: 'card', novalidate: true },
    errorSummary('import-errors'),
    h('div', { class: 'field' },
      h('label', { for: 'import-file' }, 'JSON Resume file'),
      h('p', { class: 'hint', id: 'import-file-hint' }, 'Choosing a file puts its text in the box below, where you can check it.'),
      fileInput,
      h('p', { class: 'field-error', id: 'import-file-error', hidden: true }),
    ),
    field({
      id: 'import-text',
      name: 'document',
      label: 'Or paste the JSON',
      multiline: true,
      rows: 12,
      hint: 'A document following jsonresume.org/schema: work, projects, education, skills… become artifacts; basics fills your profile.',
      attrs: { spellcheck: 'false', class: 'mono', 'data-field': 'body' },
    }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'import-submit' }, 'Import')),
  );
  const textarea = form.querySelector('#import-text');

  fileInput.addEventListener('change', async () => {
    const file = fileInput.files[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      showErrors(form, { message: 'That file is too large to import.', errors: [{ field: 'file', message: 'must be at most 5 MB' }] });
      return;
    }
    textarea.value = await file.text();
    announce(`Loaded ${file.name}. Check it and press Import.`);
  });
  fileInput.dataset.field = 'file';

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    show(result);
    const text = textarea.value.trim();
    try {
      JSON.parse(text);
    } catch (notJson) {
      showErrors(form, {
        message: text ? 'This is not valid JSON.' : 'Choose a file or paste a JSON Resume document first.',
        errors: [{ field: 'body', message: text ? `cannot be read: ${notJson.message}` : 'is empty' }],
      });
      return;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const imported = await api('POST', 'artifacts/import', { text, type: 'application/json', feature: 'Import' });
      const count = imported?.created ?? imported?.artifact_ids?.length ?? 0;
      show(result, h('div', { class: 'note success' },
        h('p', {}, h('strong', {}, `Imported ${count} artifact${count === 1 ? '' : 's'}.`),
          ' They are being embedded now.'),
        h('p', {}, h('a', { href: '#/artifacts' }, 'See your artifacts'), ' · ', h('a', { href: '#/profile' }, 'Check your profile'))));
      announce(`Imported ${count} artifacts.`);
    } catch (error) {
      if (error.notAvailable) {
        show(result, notAvailableNote('Import'));
      } else {
        showErrors(form, error);
      }
    } finally {
      button.disabled = false;
    }
  });

  const exportArea = h('div', { id: 'export-area' });
  const exportButton = h('button', { type: 'button', class: 'secondary', id: 'export' }, 'Download my data as JSON Resume');
  exportButton.addEventListener('click', async () => {
    exportButton.disabled = true;
    try {
      const resume = await api('GET', 'artifacts/export', { feature: 'Export' });
      download('cvtailor-resume.json', JSON.stringify(resume, null, 2));
      show(exportArea);
      announce('Your data was downloaded as cvtailor-resume.json.');
    } catch (error) {
      show(exportArea, error.notAvailable ? notAvailableNote('Export') : h('p', { class: 'error-text' }, error.message));
    } finally {
      exportButton.disabled = false;
    }
  });

  show(
    container,
    h('h1', {}, 'Import'),
    h('h2', {}, 'From your CV document'),
    h('p', { class: 'lead' }, 'Start from the CV you already have. It is read here, without guessing: you review every entry before anything is created.'),
    uploadCard(app),
    h('h2', {}, 'From a JSON Resume'),
    h('p', {}, 'Bring in a JSON Resume in one go. Each entry becomes an artifact you can edit afterwards.'),
    form,
    result,
    h('h2', {}, 'Export'),
    h('p', {}, 'Everything you keep here — profile and artifacts — as one JSON Resume document.'),
    exportButton,
    exportArea,
  );
}

function download(filename, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = h('a', { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

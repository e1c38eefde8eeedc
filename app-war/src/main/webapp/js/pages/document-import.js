// CV documents in: upload (POST /imports) and review the proposal side by side with the text it
// was read from, edit, drop or merge entries, then confirm (POST /imports/{id}/confirm).

import { api } from '../api.js';
import { h, show, field, errorSummary, clearErrors, showErrors, notAvailableNote, announce } from '../ui.js';

const MAX_BYTES = 10 * 1024 * 1024;
const TYPES = [
  ['experience', 'Experience'], ['project', 'Project'], ['publication', 'Publication'],
  ['education', 'Education'], ['certification', 'Certification'], ['award', 'Award'],
  ['talk', 'Talk'], ['skill', 'Skill'], ['volunteer', 'Volunteering'], ['other', 'Other'],
];
const BY_EXTENSION = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  md: 'text/markdown',
  markdown: 'text/markdown',
  txt: 'text/plain',
  zip: 'application/zip',
};

/** The upload card shown on the Import page. */
export function uploadCard(app) {
  const input = h('input', {
    type: 'file', id: 'document-file', name: 'file', 'data-field': 'file',
    accept: '.pdf,.docx,.odt,.md,.markdown,.txt,.zip',
    'aria-describedby': 'document-file-hint document-file-error',
  });
  const ocr = h('input', { type: 'checkbox', id: 'document-ocr', 'aria-describedby': 'document-ocr-hint' });
  const form = h(
    'form',
    { id: 'document-form', class: 'card', novalidate: true },
    errorSummary('document-errors'),
    h('div', { class: 'field' },
      h('label', { for: 'document-file' }, 'Your CV as PDF, Word (DOCX), ODT, Markdown or text — or a LinkedIn data export (ZIP)'),
      h('p', { class: 'hint', id: 'document-file-hint' },
        'At most 10 MB. Nothing is created yet: you review what was read, side by side with the document\u2019s text, and confirm.'),
      input,
      h('p', { class: 'field-error', id: 'document-file-error', hidden: true })),
    h('div', { class: 'field' },
      h('label', { for: 'document-ocr' }, ocr, ' It is a scanned PDF: read it with OCR'),
      h('p', { class: 'hint', id: 'document-ocr-hint' },
        'Only for a PDF without text (a scan or a photo). Slower, and letters may be misread: check every entry.')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'document-submit' }, 'Read the document')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const file = input.files[0];
    if (!file) {
      showErrors(form, { message: 'Choose a document first.', errors: [{ field: 'file', message: 'is required' }] });
      return;
    }
    if (file.size > MAX_BYTES) {
      showErrors(form, { message: 'That document is too large.', errors: [{ field: 'file', message: 'must be at most 10 MB' }] });
      return;
    }
    const extension = file.name.split('.').pop().toLowerCase();
    const type = BY_EXTENSION[extension] || file.type || 'application/octet-stream';
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const path = ocr.checked ? 'imports?ocr=true' : 'imports';
      const proposal = await api('POST', path, { text: file, type, feature: 'Document import' });
      app.navigate(`imports/${proposal.id}`, `Read ${file.name}: ${proposal.items.length} entries proposed. Review them and confirm.`);
    } catch (error) {
      if (error.notAvailable) {
        show(form.querySelector('.error-summary'), notAvailableNote('Document import'));
      } else {
        showErrors(form, error);
      }
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

/** The review page: #/imports/:id */
export async function review(container, params, app) {
  show(container, h('p', {}, 'Loading the proposal…'));
  let proposal;
  try {
    proposal = await api('GET', `imports/${params.id}`, { feature: 'Document import' });
  } catch (error) {
    show(container, h('h1', {}, 'Review the import'), h('p', { class: 'error-text' }, error.message),
      h('p', {}, h('a', { href: '#/import' }, 'Upload the document again')));
    return;
  }
  const items = proposal.items.map((item) => ({ ...item, keep: true }));
  const list = h('div', { id: 'proposal-items' });
  const form = h('form', { id: 'review-form', novalidate: true }, errorSummary('review-errors'));
  const profileBox = profileFields(proposal.profile || {});
  const keepProfile = h('input', { type: 'checkbox', id: 'review-keep-profile', checked: true });

  function renderItems() {
    show(list, ...items.map((item, index) => itemCard(item, index)));
  }

  function itemCard(item, index) {
    const id = (name) => `item-${index}-${name}`;
    const keep = h('input', { type: 'checkbox', id: id('keep'), checked: item.keep });
    keep.addEventListener('change', () => {
      item.keep = keep.checked;
      card.classList.toggle('dropped', !item.keep);
      announce(item.keep ? `Kept ${item.title}.` : `Dropped ${item.title}.`);
    });
    const bind = (name, control) => {
      control.addEventListener('input', () => { item[name] = control.value.trim() === '' ? null : control.value; });
      return control;
    };
    const fields = [
      field({ id: id('title'), name: `items[${index}].title`, label: 'Title', value: item.title, required: true }),
      field({ id: id('type'), name: `items[${index}].artifact_type`, label: 'Type', options: TYPES, value: item.artifact_type }),
      field({ id: id('organization'), name: `items[${index}].organization`, label: 'Organization', value: item.organization }),
      field({ id: id('started'), name: `items[${index}].started_on`, label: 'From', value: item.started_on, hint: 'YYYY or YYYY-MM' }),
      field({ id: id('ended'), name: `items[${index}].ended_on`, label: 'To', value: item.ended_on, hint: 'empty while ongoing' }),
      field({ id: id('description'), name: `items[${index}].description`, label: 'Description', value: item.description, multiline: true, rows: 3 }),
    ];
    const keys = ['title', 'artifact_type', 'organization', 'started_on', 'ended_on', 'description'];
    fields.forEach((f, i) => bind(keys[i], f.querySelector('input, select, textarea')));
    const merge = h('button', { type: 'button', class: 'secondary', id: id('merge'), disabled: index === 0 },
      'Merge into the entry above');
    merge.addEventListener('click', () => {
      const above = items[index - 1];
      above.description = [above.description, item.title, item.description].filter(Boolean).join('\n');
      above.source_text = [above.source_text, item.source_text].filter(Boolean).join('\n');
      items.splice(index, 1);
      renderItems();
      announce(`Merged into ${above.title}.`);
    });
    const confidence = Math.round((item.confidence ?? 0) * 100);
    const card = h('fieldset', { class: `card proposal-item${item.keep ? '' : ' dropped'}`, id: id('card') },
      h('legend', {}, h('label', { for: id('keep') }, keep, ` Keep: ${item.title}`)),
      h('p', { class: 'hint' }, `Read with ${confidence} % confidence from:`),
      h('pre', { class: 'source-text' }, item.source_text || ''),
      ...fields,
      h('div', { class: 'actions' }, merge));
    return card;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const accepted = items.filter((item) => item.keep).map(({ keep, ...item }) => item);
    const body = { items: accepted };
    if (keepProfile.checked) {
      body.profile = profileBox.value();
    }
    const button = form.querySelector('#review-confirm');
    button.disabled = true;
    try {
      const confirmed = await api('POST', `imports/${proposal.id}/confirm`, { body });
      app.navigate('artifacts', `Created ${confirmed.created} artifacts from the document. They are being embedded now.`);
    } catch (error) {
      // Errors name the accepted items; the form numbers all items, dropped ones included.
      const positions = items.map((item, i) => (item.keep ? i : -1)).filter((i) => i >= 0);
      error.errors = (error.errors || []).map((e) => ({
        ...e,
        field: (e.field || '').replace(/^items\[(\d+)\]/, (_, n) => `items[${positions[Number(n)]}]`),
      }));
      showErrors(form, error);
    } finally {
      button.disabled = false;
    }
  });

  renderItems();
  form.append(
    h('fieldset', { class: 'card', id: 'review-profile' },
      h('legend', {}, h('label', { for: 'review-keep-profile' }, keepProfile, ' Update my profile with these basics')),
      profileBox.element),
    h('h2', {}, 'Entries'),
    list,
    h('div', { class: 'actions sticky-actions' },
      h('button', { type: 'submit', id: 'review-confirm' }, 'Create the kept entries')));

  show(
    container,
    h('h1', {}, 'Review the import'),
    h('p', { class: 'lead' },
      `Read from a ${proposal.format.toUpperCase()} document. Every entry is text of the document; edit, drop or merge entries, then confirm — nothing is created until you do.`),
    proposal.warnings.length
      ? h('div', { class: 'note', id: 'review-warnings' }, h('ul', {}, proposal.warnings.map((w) => h('li', {}, w))))
      : null,
    h('div', { class: 'review-columns' },
      h('section', { class: 'review-text', 'aria-labelledby': 'extracted-heading' },
        h('h2', { id: 'extracted-heading' }, 'The document\u2019s text'),
        h('pre', { id: 'extracted-text', tabindex: '0' }, proposal.extracted_text)),
      h('section', { class: 'review-proposal', 'aria-label': 'Proposed entries' }, form)),
  );
}

function profileFields(profile) {
  const specs = [
    ['name', 'Name'], ['headline', 'Headline'], ['email', 'E-mail'], ['phone', 'Phone'], ['location', 'Location'],
  ];
  const element = h('div', {},
    ...specs.map(([key, label]) => field({ id: `review-profile-${key}`, name: `profile.${key}`, label, value: profile[key] })),
    field({ id: 'review-profile-summary', name: 'profile.summary', label: 'Summary', value: profile.summary, multiline: true, rows: 3 }));
  return {
    element,
    value() {
      const out = { links: profile.links || [] };
      for (const [key] of [...specs, ['summary']]) {
        const v = element.querySelector(`#review-profile-${key}`).value.trim();
        out[key] = v === '' ? null : v;
      }
      return out;
    },
  };
}

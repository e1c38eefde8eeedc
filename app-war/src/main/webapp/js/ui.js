// Small DOM helpers shared by the pages. Text always goes in as text (never as HTML).

/** h('p', {class: 'x'}, 'text', child) — attributes starting with "on" become listeners. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'value' && 'value' in element) {
      element.value = value;
    } else if (name === 'checked' || name === 'selected') {
      element[name] = Boolean(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces a container's content. */
export function show(container, ...children) {
  container.replaceChildren();
  append(container, children);
  return container;
}

/** Tells everyone (and screen readers, politely) what just happened. */
export function announce(message) {
  const status = document.getElementById('status');
  status.textContent = '';
  // A fresh text node after a tick, so that repeating the same message is announced again.
  setTimeout(() => {
    status.textContent = message;
  }, 30);
}

/** A page-level error (for failures not tied to a form); empty message hides it. */
export function alertError(message) {
  const alert = document.getElementById('alert');
  alert.textContent = message || '';
  alert.hidden = !message;
}

/**
 * A labelled form control with a hint and an error slot, wired with aria-describedby.
 * spec: {id, label, name?, type?, value?, hint?, required?, multiline?, rows?, options?, attrs?}
 * The control's data-field is the API field it edits, so that errors[].field lands next to it.
 */
export function field(spec) {
  const name = spec.name || spec.id;
  const hintId = spec.hint ? `${spec.id}-hint` : null;
  const errorId = `${spec.id}-error`;
  const common = {
    id: spec.id,
    name,
    'data-field': name,
    required: spec.required,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
    ...(spec.attrs || {}),
  };
  let control;
  if (spec.options) {
    control = h(
      'select',
      common,
      spec.options.map(([value, text]) => h('option', { value, selected: value === spec.value }, text)),
    );
  } else if (spec.multiline) {
    control = h('textarea', { ...common, rows: spec.rows || 4 });
    control.value = spec.value ?? '';
  } else {
    control = h('input', { ...common, type: spec.type || 'text', value: spec.value ?? '' });
  }
  return h(
    'div',
    { class: 'field' },
    h('label', { for: spec.id }, spec.label, spec.required ? h('span', { class: 'req' }, ' (required)') : null),
    hintId ? h('p', { class: 'hint', id: hintId }, spec.hint) : null,
    control,
    h('p', { class: 'field-error', id: errorId, hidden: true }),
  );
}

/** The error summary box a form shows at its top (an alert region). */
export function errorSummary(id) {
  return h('div', { class: 'error-summary', id, role: 'alert', tabindex: '-1', hidden: true });
}

export function clearErrors(form) {
  for (const control of form.querySelectorAll('[aria-invalid="true"]')) {
    control.removeAttribute('aria-invalid');
  }
  for (const slot of form.querySelectorAll('.field-error')) {
    slot.textContent = '';
    slot.hidden = true;
  }
  const summary = form.querySelector('.error-summary');
  if (summary) {
    summary.replaceChildren();
    summary.hidden = true;
  }
}

/**
 * Shows an ApiError on a form: its detail in the summary, each errors[].field next to the control
 * whose data-field matches (tags[2] falls back to tags), the rest listed in the summary.
 */
export function showErrors(form, error) {
  clearErrors(form);
  const summary = form.querySelector('.error-summary');
  const unplaced = [];
  for (const { field: name, message } of error.errors || []) {
    const control = controlFor(form, name || '');
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      const slot = document.getElementById(`${control.id}-error`);
      slot.textContent = slot.textContent ? `${slot.textContent}; ${message}` : `${labelOf(control, name)} ${message}`;
      slot.hidden = false;
    } else {
      unplaced.push(`${name || 'request'}: ${message}`);
    }
  }
  const placedCount = (error.errors || []).length - unplaced.length;
  show(
    summary,
    h('p', { class: 'summary-title' }, sentence(error.message || 'Something went wrong.')),
    placedCount > 0 ? h('p', {}, 'Please check the highlighted fields below.') : null,
    unplaced.length ? h('ul', {}, unplaced.map((line) => h('li', {}, line))) : null,
  );
  summary.hidden = false;
  const firstInvalid = form.querySelector('[aria-invalid="true"]');
  (firstInvalid || summary).focus();
}

/** The server's details are lower-case phrases ("the request has invalid fields"). */
function sentence(text) {
  const trimmed = String(text).trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function controlFor(form, name) {
  let candidate = name;
  while (candidate) {
    const control = form.querySelector(`[data-field="${CSS.escape(candidate)}"]`);
    if (control) return control;
    const shorter = candidate.replace(/(\[\d+\]|\.[^.[\]]+)$/, '');
    if (shorter === candidate) break;
    candidate = shorter;
  }
  return null;
}

/** What the person sees as the control's name: its label (or legend), else the field name. */
function labelOf(control, name) {
  const label = control.labels && control.labels[0];
  const legend = control.tagName === 'FIELDSET' ? control.querySelector('legend') : null;
  const text = (label || legend)?.firstChild?.textContent?.trim();
  return text || humanise(name);
}

/** "started_on" -> "Started on", "links[0].url" -> "Url". */
function humanise(name) {
  const last = String(name).split('.').pop().replace(/\[\d+\]/g, '').replace(/_/g, ' ');
  return last.charAt(0).toUpperCase() + last.slice(1);
}

/** A modal confirmation (native <dialog>: focus is trapped and Escape cancels). */
export function confirmDialog(question, confirmLabel = 'Delete') {
  return new Promise((resolve) => {
    const dialog = h(
      'dialog',
      { class: 'confirm', 'aria-labelledby': 'confirm-question' },
      h('form', { method: 'dialog' },
        h('p', { id: 'confirm-question' }, question),
        h('div', { class: 'actions' },
          h('button', { type: 'submit', value: 'cancel', class: 'secondary', id: 'confirm-cancel', autofocus: true }, 'Cancel'),
          h('button', { type: 'submit', value: 'confirm', class: 'danger', id: 'confirm-ok' }, confirmLabel),
        ),
      ),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'confirm');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** A friendly note for a feature whose endpoint this server does not have yet. */
export function notAvailableNote(feature) {
  return h(
    'div',
    { class: 'note not-available', role: 'status' },
    h('p', {}, h('strong', {}, `${feature} is not available yet.`)),
    h('p', {}, 'This server does not offer it yet; everything else keeps working. Try again after the next update.'),
  );
}

/**
 * The one notation for fit in the whole UI (search-module's fixed scale, docs/tailoring.md): an
 * artifact's fit, a posting's, and a requirement's evidence all read in these words; no score is
 * shown as a number or percentage.
 */
export const FIT_LABELS = {
  strong: 'Strong fit',
  partial: 'Partial fit',
  weak: 'Weak fit',
  unrelated: 'Unrelated',
};

export function fitBadge(fit, id) {
  const level = fit?.level && FIT_LABELS[fit.level] ? fit.level : null;
  if (!level) return null;
  return h('span', { class: `fit fit-${level}`, id }, FIT_LABELS[level]);
}

export function formatDate(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}

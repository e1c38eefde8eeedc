// The profile: the "basics" of every generated CV (GET /me, PUT /me/profile), and the account:
// its activity (GET /me/activity), everything held as one archive (GET /me/export) and deletion
// with the password asked again (POST /me/delete).

import { get, put, api, apiUrl } from '../api.js';
import { h, show, field, errorSummary, clearErrors, showErrors, announce, confirmDialog, formatDate } from '../ui.js';

export async function render(container, params, app) {
  show(container, h('h1', {}, 'Profile'), h('p', { class: 'loading' }, 'Loading your profile…'));
  let me;
  try {
    me = await get('me');
  } catch (error) {
    show(container, h('h1', {}, 'Profile'), h('p', { class: 'error-text' }, error.message));
    return;
  }
  const profile = me.profile || {};
  const links = h('div', { id: 'links', class: 'links' });
  const addLink = (link = {}) => links.append(linkRow(links, link));
  (profile.links || []).forEach(addLink);

  const form = h(
    'form',
    { id: 'profile-form', class: 'card', novalidate: true },
    errorSummary('profile-errors'),
    h('div', { class: 'grid two' },
      field({ id: 'profile-name', name: 'name', label: 'Name', value: profile.name ?? me.display_name, attrs: { autocomplete: 'name', maxlength: 200 } }),
      field({ id: 'profile-headline', name: 'headline', label: 'Headline', hint: 'One line, e.g. "Backend engineer, payments"', value: profile.headline, attrs: { maxlength: 300 } }),
      field({ id: 'profile-email', name: 'email', label: 'E-mail on the CV', type: 'email', value: profile.email ?? me.email, attrs: { autocomplete: 'email' } }),
      field({ id: 'profile-phone', name: 'phone', label: 'Phone', type: 'tel', value: profile.phone, attrs: { autocomplete: 'tel', maxlength: 50 } }),
      field({ id: 'profile-location', name: 'location', label: 'Location', value: profile.location, hint: 'City and country', attrs: { maxlength: 200 } }),
    ),
    field({ id: 'profile-summary', name: 'summary', label: 'Summary', multiline: true, rows: 5, value: profile.summary, attrs: { maxlength: 5000 } }),
    h('fieldset', { class: 'links-fieldset' },
      h('legend', {}, 'Links'),
      h('p', { class: 'hint' }, 'Portfolio, GitHub, LinkedIn… each with a label and an http(s) address.'),
      links,
      h('button', { type: 'button', class: 'secondary', id: 'add-link', onclick: () => {
        addLink();
        links.lastElementChild.querySelector('input').focus();
      } }, 'Add link'),
    ),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', id: 'profile-save' }, 'Save profile'),
      h('span', { class: 'saved-note', id: 'profile-saved', 'aria-hidden': 'true' })),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    form.querySelector('#profile-saved').textContent = '';
    const value = (name) => {
      const text = form.elements[name].value.trim();
      return text === '' ? null : text;
    };
    const body = {
      name: value('name'),
      headline: value('headline'),
      email: value('email'),
      phone: value('phone'),
      location: value('location'),
      summary: value('summary'),
      links: linksOf(links),
    };
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await put('me/profile', body);
      announce('Profile saved.');
      form.querySelector('#profile-saved').textContent = '✓ Saved';
    } catch (error) {
      showErrors(form, error);
    } finally {
      button.disabled = false;
    }
  });

  show(
    container,
    h('h1', {}, 'Profile'),
    h('p', { class: 'lead' }, 'This is the header of every CV you generate.'),
    form,
    accountSection(app),
  );
}

const EVENT_NAMES = {
  'sign-in': 'Signed in',
  'sign-in-failed': 'Wrong password',
  'sign-out': 'Signed out',
  'token-created': 'API token created',
  'token-revoked': 'API token revoked',
  export: 'Data exported',
  import: 'Artifacts imported',
};

/** Activity, export and deletion of the account. */
function accountSection(app) {
  const rows = h('tbody', { id: 'activity-rows' });
  const more = h('button', { type: 'button', class: 'secondary', id: 'activity-more', hidden: true }, 'Show older activity');
  let before = null;
  const load = async () => {
    more.disabled = true;
    try {
      const page = await get(`me/activity?limit=20${before ? `&before=${before}` : ''}`);
      for (const e of page.events) {
        const via = e.detail && (e.detail.via || e.detail.format || e.detail.source);
        rows.append(h('tr', {},
          h('td', {}, formatDate(e.occurred_at) || e.occurred_at),
          h('td', {}, (EVENT_NAMES[e.event] || e.event) + (via ? ` (${via})` : '')),
          h('td', {}, e.address || ''),
          h('td', { class: 'muted' }, e.user_agent || '')));
      }
      before = page.next_before;
      more.hidden = !before;
    } catch (error) {
      rows.append(h('tr', {}, h('td', { colspan: 4, class: 'error-text' }, error.message)));
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', load);
  load();

  const deleteForm = h(
    'form',
    { id: 'delete-account-form', class: 'card', novalidate: true },
    errorSummary('delete-account-errors'),
    h('h2', {}, 'Delete your account'),
    h('p', {}, 'This deletes your profile, every artifact, every CV, your tokens, sessions and activity at once. It cannot be undone; download your data first if you want to keep it.'),
    field({ id: 'delete-password', name: 'password', label: 'Your password', type: 'password', required: true, attrs: { autocomplete: 'current-password', maxlength: 200 } }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger', id: 'delete-account' }, 'Delete my account')),
  );
  deleteForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(deleteForm);
    const password = deleteForm.elements.password.value;
    if (!(await confirmDialog('Delete your account and everything in it for good?', 'Delete my account'))) return;
    const button = deleteForm.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await api('POST', 'me/delete', { body: { password } });
      app.accountDeleted();
    } catch (error) {
      showErrors(deleteForm, error);
      button.disabled = false;
    }
  });

  return h('section', { class: 'account', 'aria-labelledby': 'account-heading' },
    h('h2', { id: 'account-heading' }, 'Your data'),
    h('p', {}, 'Everything cvtailor holds about you — profile, artifacts, CVs, tokens and activity — in one ZIP archive. ',
      h('a', { class: 'button secondary', href: apiUrl('me/export'), download: '', id: 'export-everything' }, 'Download everything (ZIP)')),
    h('h3', {}, 'Recent activity'),
    h('table', { class: 'activity', id: 'activity' },
      h('caption', { class: 'visually-hidden' }, 'Sign-ins, tokens, exports and imports, newest first'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'When'), h('th', { scope: 'col' }, 'What'), h('th', { scope: 'col' }, 'From'), h('th', { scope: 'col' }, 'Browser or client'))),
      rows),
    more,
    deleteForm);
}

let linkCounter = 0;

function linkRow(links, link) {
  const n = ++linkCounter;
  const row = h('div', { class: 'link-row' },
    field({ id: `link-label-${n}`, name: 'link-label', label: 'Label', value: link.label, attrs: { class: 'link-label', maxlength: 100 } }),
    field({ id: `link-url-${n}`, name: 'link-url', label: 'Address', type: 'url', value: link.url, attrs: { class: 'link-url', placeholder: 'https://' } }),
    h('button', { type: 'button', class: 'secondary remove', onclick: () => row.remove() },
      'Remove', h('span', { class: 'visually-hidden' }, ` link ${n}`)),
  );
  return row;
}

/**
 * The filled-in links, in order. Their inputs get data-field links[i].label / links[i].url by
 * the position sent, so that errors[].field from the server lands on the right row.
 */
function linksOf(links) {
  const sent = [];
  for (const row of links.children) {
    const label = row.querySelector('.link-label');
    const url = row.querySelector('.link-url');
    if (!label.value.trim() && !url.value.trim()) {
      label.dataset.field = '';
      url.dataset.field = '';
      continue;
    }
    label.dataset.field = `links[${sent.length}].label`;
    url.dataset.field = `links[${sent.length}].url`;
    sent.push({ label: label.value.trim(), url: url.value.trim() });
  }
  return sent;
}

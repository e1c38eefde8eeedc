// The artifacts list: type filter, text search, paging, embedding status badges that refresh
// themselves while an embedding is pending, and delete with confirmation.

import { get, del } from '../api.js';
import { h, show, announce, alertError, confirmDialog } from '../ui.js';

export const TYPES = [
  ['experience', 'Experience'],
  ['project', 'Project'],
  ['publication', 'Publication'],
  ['education', 'Education'],
  ['certification', 'Certification'],
  ['award', 'Award'],
  ['talk', 'Talk'],
  ['skill', 'Skill'],
  ['volunteer', 'Volunteer'],
  ['other', 'Other'],
];
const TYPE_NAMES = Object.fromEntries(TYPES);
const PAGE_SIZE = 10;
const REFRESH_MS = 1500;

// The filter survives a visit to the form and back.
const query = { type: '', q: '', page: 0 };

export function render(container) {
  let timer = null;
  let lastItems = [];

  const typeSelect = h('select', { id: 'filter-type', name: 'type' },
    h('option', { value: '' }, 'All types'),
    TYPES.map(([value, text]) => h('option', { value, selected: value === query.type }, text)),
  );
  const search = h('input', { id: 'filter-q', name: 'q', type: 'search', value: query.q, placeholder: 'e.g. kubernetes' });
  const filters = h('form', { class: 'filters', role: 'search', id: 'artifact-filters' },
    h('div', { class: 'field' }, h('label', { for: 'filter-type' }, 'Type'), typeSelect),
    h('div', { class: 'field grow' }, h('label', { for: 'filter-q' }, 'Search text'), search),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary', id: 'filter-apply' }, 'Search')),
  );
  const summary = h('p', { id: 'artifact-count', class: 'muted' });
  const list = h('ul', { id: 'artifact-list', class: 'artifact-list', 'aria-describedby': 'artifact-count' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of artifacts' });

  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    query.q = search.value.trim();
    query.page = 0;
    load();
  });
  typeSelect.addEventListener('change', () => {
    query.type = typeSelect.value;
    query.page = 0;
    load();
  });

  show(
    container,
    h('div', { class: 'page-head' },
      h('h1', {}, 'Artifacts'),
      h('a', { href: '#/artifacts/new', class: 'button', id: 'add-artifact' }, 'Add artifact'),
    ),
    h('p', { class: 'lead' }, 'Everything you have done: jobs, projects, talks, skills… Each one is embedded so that it can be matched to a job posting.'),
    filters,
    summary,
    list,
    pager,
  );

  function queryString() {
    const params = new URLSearchParams({ page: query.page, size: PAGE_SIZE });
    if (query.type) params.set('type', query.type);
    if (query.q) params.set('q', query.q);
    return params.toString();
  }

  async function load() {
    stopRefresh();
    list.setAttribute('aria-busy', 'true');
    try {
      const page = await get(`artifacts?${queryString()}`);
      if (page.items.length === 0 && query.page > 0 && page.total > 0) {
        query.page = Math.max(0, Math.ceil(page.total / PAGE_SIZE) - 1);
        return load();
      }
      alertError('');
      drawList(page);
      scheduleRefresh(page.items);
    } catch (error) {
      alertError(`Could not load the artifacts: ${error.message}`);
    } finally {
      list.removeAttribute('aria-busy');
    }
  }

  function drawList(page) {
    lastItems = page.items;
    const filtered = query.type || query.q;
    if (page.total === 0) {
      summary.textContent = filtered ? 'No artifacts match this filter.' : 'No artifacts yet.';
      show(list, filtered ? null : h('li', { class: 'empty' },
        'Add your first one, or ', h('a', { href: '#/import' }, 'import a JSON Resume'), '.'));
    } else {
      const first = page.page * page.size + 1;
      const last = page.page * page.size + page.items.length;
      summary.textContent = `Showing ${first}–${last} of ${page.total} artifact${page.total === 1 ? '' : 's'}.`;
      show(list, page.items.map(row));
    }
    drawPager(page);
  }

  function row(artifact) {
    const dates = [artifact.started_on, artifact.ended_on].filter(Boolean).join(' – ');
    const titleId = `artifact-title-${artifact.id}`;
    return h('li', { class: 'artifact', id: `artifact-${artifact.id}`, 'data-id': artifact.id },
      h('div', { class: 'artifact-main' },
        h('h2', { id: titleId, class: 'artifact-title' },
          h('a', { href: `#/artifacts/${artifact.id}` }, artifact.title)),
        h('p', { class: 'meta' },
          h('span', { class: 'type' }, TYPE_NAMES[artifact.artifact_type] || artifact.artifact_type),
          artifact.organization ? ` · ${artifact.organization}` : '',
          dates ? ` · ${dates}` : '',
          artifact.visibility === 'public' ? ' · public' : ''),
        artifact.tags && artifact.tags.length
          ? h('ul', { class: 'tags', 'aria-label': 'Tags' }, artifact.tags.map((tag) => h('li', {}, tag)))
          : null,
      ),
      h('div', { class: 'artifact-side' },
        badge(artifact),
        h('div', { class: 'row-actions' },
          h('a', { href: `#/artifacts/${artifact.id}`, class: 'button secondary small', 'aria-describedby': titleId }, 'Edit'),
          h('button', { type: 'button', class: 'danger small', 'aria-describedby': titleId, onclick: () => remove(artifact) }, 'Delete'),
        ),
      ),
    );
  }

  function drawPager(page) {
    const pages = Math.max(1, Math.ceil(page.total / page.size));
    if (pages <= 1) {
      show(pager);
      return;
    }
    show(pager,
      h('button', { type: 'button', class: 'secondary', id: 'page-prev', disabled: page.page === 0, onclick: () => go(page.page - 1) }, '← Previous'),
      h('span', { class: 'page-of' }, `Page ${page.page + 1} of ${pages}`),
      h('button', { type: 'button', class: 'secondary', id: 'page-next', disabled: page.page >= pages - 1, onclick: () => go(page.page + 1) }, 'Next →'),
    );
  }

  function go(pageNumber) {
    query.page = pageNumber;
    load().then(() => list.querySelector('a')?.focus());
  }

  async function remove(artifact) {
    if (!(await confirmDialog(`Delete “${artifact.title}”? Its embeddings go with it. This cannot be undone.`))) {
      return;
    }
    try {
      await del(`artifacts/${artifact.id}`);
      announce(`Deleted “${artifact.title}”.`);
      await load();
      document.getElementById('add-artifact')?.focus();
    } catch (error) {
      alertError(`Could not delete “${artifact.title}”: ${error.message}`);
    }
  }

  // While something is pending, re-read the page and update only the badges in place (keeps focus).
  function scheduleRefresh(items) {
    if (items.some((a) => a.embedding_status === 'pending')) {
      timer = setTimeout(refreshBadges, REFRESH_MS);
    }
  }

  async function refreshBadges() {
    timer = null;
    if (!container.isConnected) return;
    try {
      const page = await get(`artifacts?${queryString()}`);
      if (!container.isConnected) return;
      for (const artifact of page.items) {
        const before = lastItems.find((a) => a.id === artifact.id);
        const current = list.querySelector(`[data-id="${artifact.id}"] .badge`);
        if (current && before && before.embedding_status !== artifact.embedding_status) {
          current.replaceWith(badge(artifact));
          if (artifact.embedding_status !== 'pending') {
            announce(`“${artifact.title}” is ${artifact.embedding_status === 'ready' ? 'ready for matching' : 'not embedded: ' + (artifact.embedding_error || 'failed')}.`);
          }
        }
      }
      lastItems = page.items;
      scheduleRefresh(page.items);
    } catch (error) {
      // Try again later; a signed-out session is handled by the shell.
      if (error.status !== 401) timer = setTimeout(refreshBadges, REFRESH_MS * 4);
    }
  }

  function stopRefresh() {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  load();
  return stopRefresh;
}

/** The embedding status as a badge: pending / ready / failed (with the error as its title). */
export function badge(artifact) {
  const status = artifact.embedding_status || 'pending';
  const text = { pending: 'Pending', ready: 'Ready', failed: 'Failed' }[status] || status;
  return h('span', {
    class: `badge badge-${status}`,
    'data-status': status,
    title: status === 'failed' ? artifact.embedding_error || 'embedding failed' : null,
  }, h('span', { class: 'visually-hidden' }, 'Embedding status: '), text);
}

// One generated CV: requirement coverage, an editor (include / exclude / pin / reorder items and
// sections, choose and reword bullets, rename, regenerate), a preview and download links.
// Every change is a PATCH /cvs/{id}; the server answers with the edited CV, which is shown again.

import { api, apiUrl } from '../api.js';
import { h, show, formatDate, announce, alertError, fitBadge } from '../ui.js';

const SECTION_NAMES = {
  experience: 'Experience',
  projects: 'Projects',
  publications: 'Publications',
  education: 'Education',
  certifications: 'Certifications',
  awards: 'Awards',
  talks: 'Talks',
  volunteer: 'Volunteering',
  skills: 'Skills',
};

const sectionLabel = (name) => SECTION_NAMES[name] || name;

export function cvView(cv) {
  const id = encodeURIComponent(cv.id);
  const requirements = cv.coverage?.requirements || [];
  const covered = requirements.filter((r) => r.covered);
  const missing = requirements.filter((r) => !r.covered);
  // The artifact that supports a requirement: its title when it is an item of this CV.
  const titles = new Map();
  (cv.sections || []).forEach((s) => (s.items || []).forEach((i) => titles.set(i.artifact_id, i.title)));
  const evidenceLink = (r) => (r.best_artifact_id == null ? null
    : h('span', { class: 'evidence-link' }, '— shown by ',
        h('a', { href: `#/artifacts/${encodeURIComponent(r.best_artifact_id)}` },
          titles.get(r.best_artifact_id) || 'one of your artifacts')));

  const preview = h('iframe', {
    class: 'cv-preview',
    id: 'cv-preview',
    title: 'Preview of the tailored CV',
    src: apiUrl(`cvs/${id}/html`),
    sandbox: 'allow-same-origin',
    loading: 'lazy',
  });
  const nameLine = h('p', { class: 'muted', id: 'cv-name' }, cv.name || '');
  const editorArea = h('div', { id: 'cv-editor' });
  const editor = cvEditor(cv, editorArea, (edited) => {
    nameLine.textContent = edited.name || '';
    preview.src = apiUrl(`cvs/${id}/html`); // shows the edited CV again
  });

  return h('section', { class: 'cv', id: 'cv-result', 'aria-labelledby': 'cv-heading' },
    h('h2', { id: 'cv-heading', tabindex: '-1' }, cv.job_title ? `CV for ${cv.job_title}` : 'Your tailored CV'),
    nameLine,
    cv.created_at ? h('p', { class: 'muted' }, `Generated ${formatDate(cv.created_at)}`) : null,

    h('div', { class: 'downloads', role: 'group', 'aria-label': 'Download this CV' },
      h('a', { class: 'button', href: apiUrl(`cvs/${id}/pdf`), download: '', id: 'download-pdf' }, 'Download PDF'),
      h('a', { class: 'button secondary', href: apiUrl(`cvs/${id}/docx`), download: '', id: 'download-docx' }, 'Word (DOCX)'),
      h('a', { class: 'button secondary', href: apiUrl(`cvs/${id}/text`), download: '', id: 'download-text' }, 'Plain text'),
      h('a', { class: 'button secondary', href: apiUrl(`cvs/${id}/markdown`), download: '', id: 'download-markdown' }, 'Markdown'),
      h('a', { class: 'button secondary', href: apiUrl(`cvs/${id}/json-resume`), download: '', id: 'download-json-resume' }, 'JSON Resume'),
      h('a', { class: 'button secondary', href: apiUrl(`cvs/${id}/html`), target: '_blank', rel: 'noopener' }, 'Open in a new tab'),
    ),

    h('h3', {}, 'Requirement coverage'),
    requirements.length === 0
      ? h('p', { class: 'muted' }, 'No requirements were recognised in this posting.')
      : h('div', { class: 'coverage' },
          h('p', { id: 'coverage-summary' }, `${covered.length} of ${requirements.length} requirements covered.`),
          h('p', { class: 'hint' }, 'Each requirement shows how well your best evidence for it fits, on the same scale as the matches.'),
          h('div', { class: 'grid two' },
            h('div', {},
              h('h4', {}, `Covered (${covered.length})`),
              h('ul', { class: 'requirements covered', id: 'requirements-covered' },
                covered.map((r) => h('li', { 'data-fit': r.fit?.level || '' },
                  h('span', { class: 'mark', 'aria-hidden': 'true' }, '✓ '), r.text, fitBadge(r.fit), evidenceLink(r)))),
            ),
            h('div', {},
              h('h4', {}, `Missing (${missing.length})`),
              missing.length
                ? h('ul', { class: 'requirements missing', id: 'requirements-missing' },
                    missing.map((r) => h('li', { 'data-fit': r.fit?.level || '' },
                      h('span', { class: 'mark', 'aria-hidden': 'true' }, '✗ '), r.text, fitBadge(r.fit))))
                : h('p', { class: 'muted' }, 'Nothing missing.'),
              missing.length ? h('p', { class: 'hint' }, 'A CV only states what your artifacts say: add an artifact if you do have this experience.') : null,
            ),
          ),
        ),

    h('h3', { id: 'cv-editor-heading' }, 'Edit before you download'),
    h('p', { class: 'hint' }, 'Remove, pin or move items and skills, choose and reword bullets. Every download and the preview use your edits; “Regenerate” keeps them.'),
    editor,

    cv.job_description
      ? h('details', { class: 'cv-posting', id: 'cv-posting' },
          h('summary', {}, 'The job posting this CV was tailored to'),
          h('pre', { class: 'posting-text' }, cv.job_description))
      : null,

    h('h3', {}, 'Preview'),
    preview,
  );
}

/** The editor: rebuilt from each answer of the server; focus returns to the control used. */
function cvEditor(initial, area, onChange) {
  let cv = initial;
  const path = `cvs/${encodeURIComponent(cv.id)}`;

  // Every change names the version it was made on (If-Match): a change made meanwhile elsewhere
  // (another tab, the API) is never overwritten; the editor then shows the CV as it is now.
  const ifMatch = () => (typeof cv.version === 'number' && cv.version > 0 ? { 'If-Match': `"${cv.version}"` } : {});

  async function reloadAfterConflict(focusId) {
    try {
      cv = await api('GET', path);
      render(focusId);
      onChange(cv);
    } catch (ignored) {
      // The message below still says what happened.
    }
    alertError('This CV was changed elsewhere (another tab or window) since it was shown here. It now shows the latest version: please make your change again.');
  }

  async function change(body, message, focusId) {
    try {
      cv = await api('PATCH', path, { body, headers: ifMatch() });
      alertError('');
      render(focusId);
      onChange(cv);
      announce(message);
    } catch (error) {
      if (error.status === 412) {
        await reloadAfterConflict(focusId);
        return;
      }
      alertError(`Could not change the CV: ${error.message}`);
    }
  }

  async function regenerate() {
    const button = document.getElementById('cv-regenerate');
    if (button) button.disabled = true;
    announce('Generating the CV again…');
    try {
      cv = await api('POST', `${path}/regenerate`, { headers: ifMatch() });
      render('cv-regenerate');
      onChange(cv);
      announce('The CV was generated again from your current artifacts; your edits were kept.');
    } catch (error) {
      if (button) button.disabled = false;
      if (error.status === 412) {
        await reloadAfterConflict('cv-regenerate');
        return;
      }
      alertError(`Could not regenerate the CV: ${error.message}`);
    }
  }

  function render(focusId) {
    const sections = cv.sections || [];
    const excludedSections = sections.filter((s) => s.excluded).map((s) => s.name);
    show(area,
      contextForm(),
      h('ol', { class: 'cv-edit-sections', id: 'cv-edit-sections' },
        sections.map((section, index) => sectionEditor(section, index, sections, excludedSections))),
      skillsEditor(),
      h('p', {},
        h('button', { type: 'button', class: 'secondary', id: 'cv-regenerate', onclick: regenerate },
          'Regenerate (keeps your edits)')),
    );
    if (focusId) {
      const target = document.getElementById(focusId);
      if (target) target.focus();
    }
  }

  function contextForm() {
    const title = h('input', { id: 'cv-edit-title', name: 'cv_job_title', maxlength: '300', value: cv.job_title || '' });
    const company = h('input', { id: 'cv-edit-company', name: 'cv_company', maxlength: '300', value: cv.company || '' });
    return h('form', {
      class: 'cv-edit-context',
      id: 'cv-edit-context',
      onsubmit: (event) => {
        event.preventDefault();
        change({ job_title: title.value.trim(), company: company.value.trim() },
          'Saved the job title and company.', 'cv-edit-context-save');
      },
    },
      h('div', { class: 'field' }, h('label', { for: 'cv-edit-title' }, 'Job title'), title),
      h('div', { class: 'field' }, h('label', { for: 'cv-edit-company' }, 'Company'), company),
      h('button', { type: 'submit', class: 'secondary small', id: 'cv-edit-context-save' }, 'Save title and company'),
    );
  }

  function sectionEditor(section, index, sections, excludedSections) {
    const label = sectionLabel(section.name);
    const headingId = `cv-edit-section-${section.name}`;
    const order = sections.map((s) => s.name);
    const moveSection = (delta) => {
      const next = [...order];
      const [moved] = next.splice(index, 1);
      next.splice(index + delta, 0, moved);
      change({ section_order: next }, `Moved ${label} ${delta < 0 ? 'up' : 'down'}.`,
        `cv-section-${section.name}-${delta < 0 ? 'up' : 'down'}`);
    };
    const include = h('input', {
      type: 'checkbox',
      id: `cv-section-${section.name}-include`,
      checked: !section.excluded,
      onchange: (event) => {
        const excluded = event.target.checked
          ? excludedSections.filter((n) => n !== section.name)
          : [...excludedSections, section.name];
        change({ excluded_sections: excluded },
          event.target.checked ? `${label} is in the CV again.` : `${label} was removed from the CV.`,
          `cv-section-${section.name}-include`);
      },
    });
    return h('li', { class: `cv-edit-section${section.excluded ? ' excluded' : ''}`, 'data-section': section.name },
      h('div', { class: 'cv-edit-row' },
        h('h4', { id: headingId }, label),
        h('span', { class: 'cv-edit-include' }, include,
          h('label', { for: `cv-section-${section.name}-include` }, `Include ${label}`)),
        h('button', {
          type: 'button', class: 'secondary small', id: `cv-section-${section.name}-up`,
          'aria-label': `Move ${label} up`, disabled: index === 0, onclick: () => moveSection(-1),
        }, '↑'),
        h('button', {
          type: 'button', class: 'secondary small', id: `cv-section-${section.name}-down`,
          'aria-label': `Move ${label} down`, disabled: index === sections.length - 1, onclick: () => moveSection(1),
        }, '↓'),
      ),
      h('ol', { class: 'cv-edit-items', 'aria-labelledby': headingId },
        section.items.map((item, i) => itemEditor(section, item, i))),
    );
  }

  /**
   * The skills list, like the items: include or remove each, move it up or down. Removed skills
   * stay listed (unticked) so they can be brought back.
   */
  function skillsEditor() {
    const printed = cv.skills || [];
    const removed = cv.excluded_skills || [];
    if (printed.length === 0 && removed.length === 0) return null;
    // An id per skill name (letters and digits kept, every other character by its code): the
    // same control keeps focus after the list is drawn again in another order.
    const key = (name) => name.replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);
    const move = (index, delta) => {
      const names = [...printed];
      const [moved] = names.splice(index, 1);
      names.splice(index + delta, 0, moved);
      return names.map((name, position) => ({ name, position }));
    };
    const row = (name, i, included) => {
      const id = `cv-skill-${key(name)}`;
      const last = printed.length - 1;
      return h('li', { class: `cv-edit-skill${included ? '' : ' excluded'}`, 'data-skill': name },
        h('span', { class: 'cv-edit-include' },
          h('input', {
            type: 'checkbox',
            id: `${id}-include`,
            checked: included,
            onchange: (event) => change({ skills: [{ name, included: event.target.checked }] },
              event.target.checked ? `${name} is in the skills again.` : `Removed ${name} from the skills.`,
              `${id}-include`),
          }),
          h('label', { for: `${id}-include` }, h('span', { class: 'visually-hidden' }, 'Include skill '), name)),
        included ? h('button', {
          type: 'button', class: 'secondary small', id: `${id}-up`, 'aria-label': `Move ${name} up`,
          disabled: i === 0, onclick: () => change({ skills: move(i, -1) }, `Moved ${name} up.`, i - 1 === 0 ? `${id}-down` : `${id}-up`),
        }, '↑') : null,
        included ? h('button', {
          type: 'button', class: 'secondary small', id: `${id}-down`, 'aria-label': `Move ${name} down`,
          disabled: i === last, onclick: () => change({ skills: move(i, 1) }, `Moved ${name} down.`, i + 1 === last ? `${id}-up` : `${id}-down`),
        }, '↓') : null,
      );
    };
    return h('section', { class: 'cv-edit-skills', id: 'cv-edit-skills', 'aria-labelledby': 'cv-edit-skills-heading' },
      h('h4', { id: 'cv-edit-skills-heading' }, 'Skills'),
      h('p', { class: 'hint' }, 'Only skills you have that matter for this posting are proposed. Untick one to leave it out; the arrows change the order.'),
      h('ol', { class: 'cv-edit-items', id: 'cv-edit-skill-list' },
        printed.map((name, i) => row(name, i, true)),
        removed.map((name, i) => row(name, i, false))),
    );
  }

  function itemEditor(section, item, index) {
    const a = item.artifact_id;
    const title = [item.title, item.organization].filter(Boolean).join(', ');
    const moveItem = (delta) => {
      const ids = section.items.map((it) => it.artifact_id);
      const [moved] = ids.splice(index, 1);
      ids.splice(index + delta, 0, moved);
      change({ items: ids.map((artifactId, position) => ({ artifact_id: artifactId, position })) },
        `Moved “${item.title}” ${delta < 0 ? 'up' : 'down'}.`, `cv-item-${a}-${delta < 0 ? 'up' : 'down'}`);
    };
    const bulletsArea = h('div', { class: 'cv-edit-bullets', id: `cv-item-${a}-bullets` });
    return h('li', { class: `cv-edit-item${item.excluded ? ' excluded' : ''}${item.pinned ? ' pinned' : ''}`, 'data-artifact-id': a, 'data-title': item.title || '' },
      h('div', { class: 'cv-edit-row' },
        h('span', { class: 'cv-edit-include' },
          h('input', {
            type: 'checkbox',
            id: `cv-item-${a}-include`,
            checked: !item.excluded,
            onchange: (event) => change({ items: [{ artifact_id: a, included: event.target.checked }] },
              event.target.checked ? `“${item.title}” is in the CV again.` : `Removed “${item.title}” from the CV.`,
              `cv-item-${a}-include`),
          }),
          h('label', { for: `cv-item-${a}-include` }, h('span', { class: 'visually-hidden' }, 'Include '), title)),
        item.pinned ? h('span', { class: 'badge' }, 'Pinned') : null,
        h('button', {
          type: 'button', class: 'secondary small', id: `cv-item-${a}-pin`, 'aria-pressed': item.pinned ? 'true' : 'false',
          'aria-label': `Pin “${item.title}” (kept when regenerating)`,
          onclick: () => change({ items: [{ artifact_id: a, pinned: !item.pinned }] },
            item.pinned ? `Unpinned “${item.title}”.` : `Pinned “${item.title}”: it stays when the CV is regenerated.`,
            `cv-item-${a}-pin`),
        }, item.pinned ? 'Unpin' : 'Pin'),
        h('button', {
          type: 'button', class: 'secondary small', id: `cv-item-${a}-up`, 'aria-label': `Move “${item.title}” up`,
          disabled: index === 0, onclick: () => moveItem(-1),
        }, '↑'),
        h('button', {
          type: 'button', class: 'secondary small', id: `cv-item-${a}-down`, 'aria-label': `Move “${item.title}” down`,
          disabled: index === section.items.length - 1, onclick: () => moveItem(1),
        }, '↓'),
        h('button', {
          type: 'button', class: 'secondary small', id: `cv-item-${a}-edit-bullets`, 'aria-expanded': 'false',
          'aria-controls': `cv-item-${a}-bullets`, 'aria-label': `Choose and reword the bullets of “${item.title}”`,
          onclick: (event) => toggleBullets(event.currentTarget, item, bulletsArea),
        }, 'Bullets…'),
      ),
      (item.bullets || []).length
        ? h('ul', { class: 'cv-edit-current' },
            item.bullets.map((b) => h('li', {}, b.text,
              b.edited ? h('span', { class: 'badge', title: `Your wording of: ${b.source}` }, 'edited by you') : null)))
        : null,
      bulletsArea,
    );
  }

  async function toggleBullets(button, item, area) {
    if (button.getAttribute('aria-expanded') === 'true') {
      button.setAttribute('aria-expanded', 'false');
      show(area);
      return;
    }
    const a = item.artifact_id;
    let sentences;
    try {
      const answer = await api('GET', `${path}/artifacts/${encodeURIComponent(a)}/sentences`);
      sentences = answer.sentences || [];
    } catch (error) {
      alertError(`Could not read the artifact's sentences: ${error.message}`);
      return;
    }
    button.setAttribute('aria-expanded', 'true');
    // The current bullets first, in their order, then the artifact's other sentences.
    const current = item.bullets || [];
    const rows = current.map((b) => ({ source: b.source, text: b.text, used: true }));
    sentences.filter((s) => !current.some((b) => b.source === s))
      .forEach((s) => rows.push({ source: s, text: s, used: false }));
    const controls = rows.map((row, i) => {
      const check = h('input', { type: 'checkbox', id: `cv-item-${a}-sentence-${i}`, checked: row.used });
      const wording = h('textarea', { id: `cv-item-${a}-wording-${i}`, rows: '2', maxlength: '400' }, row.text);
      return { row, check, wording,
        element: h('li', { class: 'cv-edit-sentence' },
          h('span', { class: 'cv-edit-include' }, check,
            h('label', { for: `cv-item-${a}-sentence-${i}` }, `Use sentence ${i + 1} as a bullet`)),
          h('label', { for: `cv-item-${a}-wording-${i}`, class: 'visually-hidden' }, `Wording of sentence ${i + 1}`),
          wording,
          row.text !== row.source ? h('p', { class: 'muted small' }, `Your artifact says: ${row.source}`) : null) };
    });
    show(area,
      h('form', {
        class: 'cv-edit-bullet-form',
        onsubmit: (event) => {
          event.preventDefault();
          const bullets = controls.filter((c) => c.check.checked).map((c) => {
            const text = c.wording.value.trim();
            return text && text !== c.row.source ? { source: c.row.source, text } : { source: c.row.source };
          });
          change({ items: [{ artifact_id: a, bullets }] },
            `Saved ${bullets.length} bullet${bullets.length === 1 ? '' : 's'} of “${item.title}”.`,
            `cv-item-${a}-edit-bullets`);
        },
      },
        h('fieldset', {},
          h('legend', {}, `Bullets of “${item.title}”: tick the sentences to show; you may reword them`),
          h('ol', { class: 'cv-edit-sentences' }, controls.map((c) => c.element)),
        ),
        h('button', { type: 'submit', class: 'small', id: `cv-item-${a}-save-bullets` }, 'Save bullets'),
      ));
    const first = controls[0];
    if (first) first.check.focus();
  }

  render();
  return area;
}

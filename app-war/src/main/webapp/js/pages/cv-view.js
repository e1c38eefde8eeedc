// One generated CV: requirement coverage, a preview of its HTML and download links.

import { apiUrl } from '../api.js';
import { h, percent, scoreBar, formatDate } from '../ui.js';

export function cvView(cv) {
  const id = encodeURIComponent(cv.id);
  const requirements = cv.coverage?.requirements || [];
  const covered = requirements.filter((r) => r.covered);
  const missing = requirements.filter((r) => !r.covered);
  const ratio = cv.coverage?.covered_ratio ?? (requirements.length ? covered.length / requirements.length : null);

  return h('section', { class: 'cv', id: 'cv-result', 'aria-labelledby': 'cv-heading' },
    h('h2', { id: 'cv-heading', tabindex: '-1' }, cv.job_title ? `CV for ${cv.job_title}` : 'Your tailored CV'),
    cv.created_at ? h('p', { class: 'muted' }, `Generated ${formatDate(cv.created_at)}`) : null,

    h('div', { class: 'downloads', role: 'group', 'aria-label': 'Download this CV' },
      h('a', { class: 'button', href: apiUrl(`cvs/${id}/pdf`), download: '', id: 'download-pdf' }, 'Download PDF'),
      h('a', { class: 'button secondary', href: apiUrl(`cvs/${id}/docx`), download: '', id: 'download-docx' }, 'Word (DOCX)'),
      h('a', { class: 'button secondary', href: apiUrl(`cvs/${id}/text`), download: '', id: 'download-text' }, 'Plain text'),
      h('a', { class: 'button secondary', href: apiUrl(`cvs/${id}/markdown`), download: '' }, 'Markdown'),
      h('a', { class: 'button secondary', href: apiUrl(`cvs/${id}/json-resume`), download: '' }, 'JSON Resume'),
      h('a', { class: 'button secondary', href: apiUrl(`cvs/${id}/html`), target: '_blank', rel: 'noopener' }, 'Open in a new tab'),
    ),

    h('h3', {}, 'Requirement coverage'),
    requirements.length === 0
      ? h('p', { class: 'muted' }, 'No requirements were recognised in this posting.')
      : h('div', { class: 'coverage' },
          scoreBar(ratio, 'Covered'),
          h('p', { id: 'coverage-summary' }, `${covered.length} of ${requirements.length} requirements covered (${percent(ratio)}).`),
          h('div', { class: 'grid two' },
            h('div', {},
              h('h4', {}, `Covered (${covered.length})`),
              h('ul', { class: 'requirements covered', id: 'requirements-covered' },
                covered.map((r) => h('li', {}, h('span', { class: 'mark', 'aria-hidden': 'true' }, '✓ '), r.text,
                  typeof r.score === 'number' ? h('span', { class: 'muted' }, ` · match ${percent(r.score)}`) : null))),
            ),
            h('div', {},
              h('h4', {}, `Missing (${missing.length})`),
              missing.length
                ? h('ul', { class: 'requirements missing', id: 'requirements-missing' },
                    missing.map((r) => h('li', {}, h('span', { class: 'mark', 'aria-hidden': 'true' }, '✗ '), r.text)))
                : h('p', { class: 'muted' }, 'Nothing missing.'),
              missing.length ? h('p', { class: 'hint' }, 'A CV only states what your artifacts say: add an artifact if you do have this experience.') : null,
            ),
          ),
        ),

    h('h3', {}, 'Preview'),
    h('iframe', {
      class: 'cv-preview',
      id: 'cv-preview',
      title: 'Preview of the tailored CV',
      src: apiUrl(`cvs/${id}/html`),
      sandbox: 'allow-same-origin',
      loading: 'lazy',
    }),
  );
}

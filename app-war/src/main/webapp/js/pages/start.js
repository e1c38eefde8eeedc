// The first-run guide: profile → your career (import or add) → try the sample posting, each step
// saying whether it is done. New accounts land here after signing up.

import { get } from '../api.js';
import { h, show, announce } from '../ui.js';
import { usePosting } from './tailor.js';

export async function render(container, params, app) {
  show(container, h('h1', {}, 'Get started'), h('p', { class: 'loading' }, 'Loading…'));
  let me = null;
  let total = null;
  try {
    [me, total] = await Promise.all([
      get('me'),
      get('artifacts?page=0&size=1').then((page) => page.total),
    ]);
  } catch (error) {
    // The guide still works without the ticks.
  }
  const profileDone = Boolean(me?.profile?.headline || me?.profile?.summary);
  const careerDone = typeof total === 'number' && total > 0;

  const sampleButton = h('button', { type: 'button', id: 'use-sample-posting', class: 'accent' }, 'Try the sample posting');
  sampleButton.addEventListener('click', async () => {
    sampleButton.disabled = true;
    try {
      const sample = await get('samples/job-posting');
      usePosting(sample.job_description);
      app.navigate('tailor', 'The sample posting is filled in. Choose “Rank my artifacts” to see how you fit.');
    } catch (error) {
      announce(`The sample posting could not be loaded: ${error.message}`);
      sampleButton.disabled = false;
    }
  });

  show(
    container,
    h('h1', {}, 'Get started'),
    h('p', { class: 'lead' }, 'Three steps to a CV tailored to a job posting. You can come back here from the menu.'),
    h('ol', { class: 'steps', id: 'first-run-steps' },
      step('step-profile', profileDone, 'Your profile',
        'Name, headline and contact details: the top of every CV.',
        h('a', { class: 'button secondary', href: '#/profile' }, profileDone ? 'Review your profile' : 'Fill in your profile')),
      step('step-career', careerDone, 'Your career',
        careerDone
          ? `You have ${total} artifact${total === 1 ? '' : 's'}: jobs, projects, education and more.`
          : 'Import a CV you already have (PDF, Word, LinkedIn export) or add your jobs and projects one by one.',
        h('span', { class: 'actions' },
          h('a', { class: 'button secondary', href: '#/import' }, 'Import a CV'),
          h('a', { class: 'button secondary', href: '#/artifacts/new' }, 'Add an artifact'))),
      step('step-tailor', false, 'Tailor to a posting',
        'Paste a job posting to see how well each artifact fits it, then generate a CV. No posting at hand? Use ours.',
        h('span', { class: 'actions' },
          sampleButton,
          h('a', { class: 'button secondary', href: '#/tailor' }, 'Paste a posting'))),
    ),
  );
}

function step(id, done, title, text, action) {
  return h('li', { class: `step${done ? ' done' : ''}`, id },
    h('h2', {}, title, done ? h('span', { class: 'step-done' }, ' — done') : null),
    h('p', {}, text),
    action,
  );
}

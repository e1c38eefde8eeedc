// The shell: restores the session, routes #/paths to page modules, keeps the navigation current.

import { api, setCsrfToken, whenSignedOut } from './api.js';
import { h, show, announce, alertError } from './ui.js';
import * as auth from './pages/auth.js';
import * as artifacts from './pages/artifacts.js';
import * as artifactForm from './pages/artifact-form.js';
import * as importPage from './pages/import.js';
import * as documentImport from './pages/document-import.js';
import * as tailor from './pages/tailor.js';
import * as cvs from './pages/cvs.js';
import * as profile from './pages/profile.js';
import * as embeddings from './pages/embeddings.js';
import * as firstRun from './pages/start.js';

const routes = [
  { path: 'sign-in', page: auth.signIn, public: true },
  { path: 'sign-up', page: auth.signUp, public: true },
  { path: 'start', page: firstRun.render },
  { path: 'artifacts', page: artifacts.render },
  { path: 'artifacts/new', page: artifactForm.render },
  { path: 'artifacts/:id', page: artifactForm.render },
  { path: 'import', page: importPage.render },
  { path: 'imports/:id', page: documentImport.review },
  { path: 'tailor', page: tailor.render },
  { path: 'cvs', page: cvs.list },
  { path: 'cvs/:id', page: cvs.detail },
  { path: 'profile', page: profile.render },
  { path: 'embeddings', page: embeddings.render },
];

// The operator's Embeddings page is not here: it is linked from the footer (see renderNav).
const menu = [
  ['start', 'Get started'],
  ['artifacts', 'Artifacts'],
  ['import', 'Import'],
  ['tailor', 'Tailor'],
  ['cvs', 'Saved CVs'],
  ['profile', 'Profile'],
];

/** What pages get: who is signed in and how to move on. */
const app = {
  user: null, // {user_id, email, display_name} while signed in
  afterSignIn: 'artifacts',
  flash: null,

  /** Goes to #/path, optionally announcing a message on the next page. */
  navigate(path, flash) {
    app.flash = flash || null;
    if (location.hash === `#/${path}`) {
      route();
    } else {
      location.hash = `#/${path}`;
    }
  },

  /** After signing up: signed in at once, and the first-run guide next. */
  signedUp(session) {
    app.afterSignIn = 'start';
    app.signedIn(session, `Welcome, ${session.display_name}. Your account is ready.`);
  },

  signedIn(session, greeting) {
    app.user = { user_id: session.user_id, email: session.email, display_name: session.display_name };
    setCsrfToken(session.csrf_token);
    const next = app.afterSignIn;
    app.afterSignIn = 'artifacts';
    app.navigate(next, greeting || `Signed in as ${session.display_name}.`);
  },

  /** The account is gone (DELETE /me): nothing to sign out of. */
  accountDeleted() {
    forgetSession();
    app.navigate('sign-in', 'Your account and everything in it have been deleted.');
  },

  async signOut() {
    try {
      await api('DELETE', 'auth/session');
    } catch (error) {
      // The session is gone either way once the cookie is cleared or expired.
    }
    forgetSession();
    app.navigate('sign-in', 'You are signed out.');
  },
};

function forgetSession() {
  app.user = null;
  setCsrfToken(null);
}

whenSignedOut(() => {
  if (!app.user) return;
  forgetSession();
  // Back to where the visitor was once they have signed in again.
  const here = location.hash.slice(2).split('?')[0].replace(/\/+$/, '');
  const found = match(here);
  if (found && !found.route.public) app.afterSignIn = here;
  app.navigate('sign-in', 'Your session has ended. Please sign in again.');
});

let cleanup = null;
let visits = 0;

function match(path) {
  const parts = path.split('/');
  for (const candidate of routes) {
    const pattern = candidate.path.split('/');
    if (pattern.length !== parts.length) continue;
    const params = {};
    const ok = pattern.every((segment, i) => {
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = decodeURIComponent(parts[i]);
        return parts[i] !== '';
      }
      return segment === parts[i];
    });
    if (ok) return { route: candidate, params };
  }
  return null;
}

async function route() {
  const hash = location.hash;
  if (hash && !hash.startsWith('#/')) return; // an in-page anchor such as the skip link
  const path = hash.slice(2).split('?')[0].replace(/\/+$/, '');
  const found = match(path);

  if (!found) {
    app.navigate(app.user ? 'artifacts' : 'sign-in');
    return;
  }
  if (!found.route.public && !app.user) {
    app.afterSignIn = path;
    app.navigate('sign-in', app.flash);
    return;
  }
  if (found.route.public && app.user) {
    app.navigate('artifacts');
    return;
  }

  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  alertError('');
  document.getElementById('status').textContent = '';
  renderNav(path);

  // Each visit renders into its own element: a slow page that finishes after the user moved on
  // writes into a detached element and is cleaned up at once.
  const ticket = ++visits;
  const container = h('div', { class: 'page' });
  show(document.getElementById('page'), container);
  const flash = app.flash;
  app.flash = null;
  let dispose = null;
  try {
    dispose = (await found.route.page(container, found.params, app)) || null;
  } catch (error) {
    show(container, h('h1', {}, 'Something went wrong'), h('p', {}, error.message || String(error)));
  }
  if (ticket !== visits) {
    if (dispose) dispose();
    return;
  }
  cleanup = dispose;
  const heading = container.querySelector('h1');
  if (heading) {
    document.title = `${heading.textContent} · cvtailor`;
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: false });
  }
  if (flash) announce(flash);
}

function renderNav(path) {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  const section = path.split('/')[0];
  const link = (target, text) =>
    h('li', {}, h('a', { href: `#/${target}`, 'aria-current': section === target ? 'page' : null }, text));
  const operator = document.getElementById('operator-links');
  if (operator) operator.hidden = !app.user;
  if (app.user) {
    who.textContent = `Signed in as ${app.user.display_name}`;
    who.hidden = false;
    show(
      nav,
      h('ul', {},
        menu.map(([target, text]) => link(target, text)),
        h('li', {}, h('button', { type: 'button', class: 'link-button', id: 'sign-out', onclick: () => app.signOut() }, 'Sign out')),
      ),
    );
  } else {
    who.hidden = true;
    show(nav, h('ul', {}, link('sign-in', 'Sign in'), link('sign-up', 'Create account')));
  }
}

async function start() {
  document.getElementById('skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    document.getElementById('main').focus();
  });
  try {
    const session = await api('GET', 'auth/session');
    app.user = { user_id: session.user_id, email: session.email, display_name: session.display_name };
    setCsrfToken(session.csrf_token);
  } catch (notSignedIn) {
    forgetSession();
  }
  window.addEventListener('hashchange', route);
  route();
}

start();

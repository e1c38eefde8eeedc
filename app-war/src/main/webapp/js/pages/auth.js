// Sign in (POST /auth/session: sets the cookie, returns the CSRF token) and sign up.

import { post } from '../api.js';
import { h, show, field, errorSummary, clearErrors, showErrors } from '../ui.js';

let rememberedEmail = '';

export function signIn(container, params, app) {
  const form = h(
    'form',
    { id: 'sign-in-form', class: 'card narrow', novalidate: true },
    errorSummary('sign-in-errors'),
    field({ id: 'email', label: 'E-mail', type: 'email', required: true, value: rememberedEmail, attrs: { autocomplete: 'username' } }),
    field({ id: 'password', label: 'Password', type: 'password', required: true, attrs: { autocomplete: 'current-password' } }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'sign-in-submit' }, 'Sign in')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const session = await post('auth/session', {
        email: form.email.value.trim(),
        password: form.password.value,
        name: 'web',
      });
      rememberedEmail = '';
      app.signedIn(session);
    } catch (error) {
      showErrors(form, error);
    } finally {
      button.disabled = false;
    }
  });
  show(
    container,
    h('h1', {}, 'Sign in'),
    h('p', { class: 'lead' }, 'Keep your career in one place and tailor a CV to every job posting.'),
    form,
    h('p', { class: 'narrow' }, 'New here? ', h('a', { href: '#/sign-up', id: 'to-sign-up' }, 'Create an account')),
  );
}

export function signUp(container, params, app) {
  const form = h(
    'form',
    { id: 'sign-up-form', class: 'card narrow', novalidate: true },
    errorSummary('sign-up-errors'),
    field({ id: 'display_name', label: 'Your name', required: true, attrs: { autocomplete: 'name', maxlength: 200 } }),
    field({ id: 'email', label: 'E-mail', type: 'email', required: true, attrs: { autocomplete: 'email' } }),
    field({
      id: 'password',
      label: 'Password',
      type: 'password',
      required: true,
      hint: 'At least 10 characters. A few random words make a good password.',
      attrs: { autocomplete: 'new-password' },
    }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'sign-up-submit' }, 'Create account')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const email = form.email.value.trim();
      const password = form.password.value;
      const account = await post('auth/register', {
        email,
        password,
        display_name: form.display_name.value.trim(),
      });
      // Signed in at once: asking for the password just typed again is a step for nothing.
      let session;
      try {
        session = await post('auth/session', { email: account.email || email, password, name: 'web' });
      } catch (signInFailed) {
        rememberedEmail = account.email;
        app.navigate('sign-in', 'Your account is ready. Sign in with your password.');
        return;
      }
      app.signedUp(session);
    } catch (error) {
      showErrors(form, error);
    } finally {
      button.disabled = false;
    }
  });
  show(
    container,
    h('h1', {}, 'Create an account'),
    form,
    h('p', { class: 'narrow' }, 'Already have an account? ', h('a', { href: '#/sign-in' }, 'Sign in')),
  );
}

/**
 * Sign-in: an ops API key, pasted, kept in sessionStorage (this tab only, gone when it closes) and
 * sent as x-api-key. The key is checked against an ops-scoped endpoint before it is kept.
 */
import { ApiError, request, session } from '../api';
import { h, replaceChildren } from '../dom';
import { localDate } from '../format';
import { notice, pageHeading } from './common';

export function renderSignIn(main: HTMLElement, onSignedIn: () => void): void {
  const keyInput = h('input', { id: 'api-key', name: 'apiKey', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'api-key-hint' });
  const urlInput = h('input', { id: 'api-url', name: 'apiUrl', type: 'text', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', placeholder: '(this site)', 'aria-describedby': 'api-url-hint' });
  urlInput.value = session.baseUrl;
  const feedback = h('div', { class: 'form-feedback' });
  const submit = h('button', { type: 'submit', class: 'button button--primary' }, 'Sign in');

  const form = h(
    'form',
    { class: 'sign-in-form', novalidate: true, 'aria-labelledby': 'sign-in-heading' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'api-key' }, 'Ops API key'),
      keyInput,
      h('p', { id: 'api-key-hint', class: 'field-hint' }, 'A key with the ops scope. It is kept in this browser tab only (sessionStorage) and sent to the API in the x-api-key header.'),
    ),
    h(
      'details',
      { class: 'advanced' },
      h('summary', {}, 'API address'),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'api-url' }, 'API base URL'),
        urlInput,
        h('p', { id: 'api-url-hint', class: 'field-hint' }, 'Leave empty when the API is served from this site (the local runtime, or CloudFront’s /api path).'),
      ),
    ),
    submit,
    feedback,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const apiKey = keyInput.value.trim();
    const baseUrl = urlInput.value.trim().replace(/\/$/, '');
    if (!apiKey) {
      keyInput.setAttribute('aria-invalid', 'true');
      replaceChildren(feedback, notice('error', 'Enter an API key.'));
      keyInput.focus();
      return;
    }
    keyInput.removeAttribute('aria-invalid');
    submit.disabled = true;
    replaceChildren(feedback, notice('info', 'Checking the key…'));
    try {
      // An ops-scoped read answers 401 for an unknown key and 403 for a key without the scope.
      const today = localDate(new Date());
      await request('GET', '/reports/kpis', { query: { from: today, to: today }, apiKey, baseUrl });
      session.signIn(apiKey, baseUrl);
      onSignedIn();
    } catch (error) {
      const message =
        error instanceof ApiError && error.status === 401
          ? 'This key was not accepted (401). Check it and try again.'
          : error instanceof ApiError && error.status === 403
            ? 'This key has no ops scope (403): the console needs an ops key.'
            : error instanceof ApiError && error.isMissingRoute
              ? undefined
              : `The API could not be reached: ${(error as Error).message}`;
      if (message === undefined) {
        // No report route on this API: the key is kept and each view says what it can read.
        session.signIn(apiKey, baseUrl);
        onSignedIn();
        return;
      }
      keyInput.setAttribute('aria-invalid', 'true');
      replaceChildren(feedback, notice('error', message));
      keyInput.focus();
    } finally {
      submit.disabled = false;
    }
  });

  replaceChildren(
    main,
    h(
      'section',
      { class: 'sign-in', 'aria-labelledby': 'sign-in-heading' },
      pageHeading('Sign in'),
      h('p', {}, 'The ops console reads orders, executions, queues and KPIs from the OMS API with your ops API key.'),
      form,
    ),
  );
  main.querySelector('h1')?.setAttribute('id', 'sign-in-heading');
  keyInput.focus();
}

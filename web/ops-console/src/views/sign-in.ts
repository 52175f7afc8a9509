/**
 * Sign-in: an ops API key, pasted. POST /ops/console-session checks it (401 unknown, 403 without the
 * ops scope) and answers the signed cookies that open the console's folder in this browser; the key
 * itself is then kept in sessionStorage (this tab only, gone when it closes) and sent as x-api-key.
 */
import { ApiError, request, session } from '../api';
import { h, replaceChildren } from '../dom';
import { notice, pageHeading } from './common';

/** The console's folder, next to the sign-in page: the cookies are scoped to it. */
export const consoleFolderUrl = () => new URL('console/', window.location.href).href;

export function renderSignIn(main: HTMLElement, onSignedIn: () => void): void {
  const keyInput = h('input', { id: 'api-key', name: 'apiKey', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'api-key-hint' });
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
    submit,
    feedback,
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const apiKey = keyInput.value.trim();
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
      await request('POST', '/ops/console-session', { body: { consoleUrl: consoleFolderUrl() }, apiKey });
      session.signIn(apiKey, session.defaultBaseUrl);
      onSignedIn();
    } catch (error) {
      const message =
        error instanceof ApiError && error.status === 401
          ? 'This key was not accepted (401). Check it and try again.'
          : error instanceof ApiError && error.status === 403
            ? 'This key has no ops scope (403): the console needs an ops key.'
            : error instanceof ApiError && error.status > 0
              ? `The sign-in was refused: ${error.message} (${error.status} ${error.code}).`
              : `The API could not be reached: ${(error as Error).message}`;
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
      h('p', {}, 'The ops console reads orders, executions, queues and KPIs from the OMS API with your ops API key. Signing in also lets this browser load the console for 8 hours.'),
      form,
    ),
  );
  main.querySelector('h1')?.setAttribute('id', 'sign-in-heading');
  keyInput.focus();
}

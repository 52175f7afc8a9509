/**
 * The ops console: a hash-routed single page in the console/ folder (static files: the local
 * runtime's /ops/console/, or S3 behind CloudFront), which only a signed-in browser loads. Without
 * an ops key in this tab (a new tab, or after signing out) it goes back to the sign-in page beside it.
 */
import './styles.css';
import { loadConfig, session } from './api';
import { h, replaceChildren } from './dom';
import type { View } from './views/common';
import { renderKpis } from './views/kpis';
import { renderOrder } from './views/order';
import { renderOrders } from './views/orders';
import { renderEscalations, renderExecutions, renderHoldQueue, renderStuckOrders } from './views/queues';

interface Route {
  readonly pattern: RegExp;
  readonly title: (params: readonly string[]) => string;
  /** The navigation entry this page belongs to. */
  readonly nav: string;
  readonly view: View;
}

const navigation = [
  { href: '#/orders', label: 'Orders' },
  { href: '#/hold-queue', label: 'Hold queue' },
  { href: '#/stuck-orders', label: 'Stuck orders' },
  { href: '#/executions', label: 'Failed executions' },
  { href: '#/escalations', label: 'Escalations' },
  { href: '#/kpis', label: 'KPIs' },
] as const;

const routes: readonly Route[] = [
  { pattern: /^\/orders$/, title: () => 'Orders', nav: '#/orders', view: renderOrders },
  { pattern: /^\/orders\/([^/]+)$/, title: ([id]) => `Order ${id}`, nav: '#/orders', view: renderOrder },
  { pattern: /^\/hold-queue$/, title: () => 'Hold queue', nav: '#/hold-queue', view: renderHoldQueue },
  { pattern: /^\/stuck-orders$/, title: () => 'Stuck orders', nav: '#/stuck-orders', view: renderStuckOrders },
  { pattern: /^\/executions$/, title: () => 'Failed executions', nav: '#/executions', view: renderExecutions },
  { pattern: /^\/escalations$/, title: () => 'Escalations', nav: '#/escalations', view: renderEscalations },
  { pattern: /^\/kpis$/, title: () => 'KPIs', nav: '#/kpis', view: renderKpis },
];

const main = document.getElementById('main') as HTMLElement;
const nav = document.getElementById('site-nav') as HTMLElement;
const sessionArea = document.getElementById('session') as HTMLElement;
/** The sign-in page, one folder up. */
const signInPage = '../';
let current: AbortController | undefined;
let firstRender = true;

function renderShell(signedIn: boolean): void {
  nav.hidden = !signedIn;
  replaceChildren(nav, h('ul', {}, navigation.map((item) => h('li', {}, h('a', { href: item.href, 'data-nav': item.href }, item.label)))));
  replaceChildren(
    sessionArea,
    signedIn
      ? [
          h('span', { class: 'session-key' }, `Key …${(session.apiKey ?? '').slice(-4)}`),
          h(
            'button',
            {
              type: 'button',
              class: 'button button--small',
              onClick: () => {
                session.signOut();
                window.location.replace(signInPage);
              },
            },
            'Sign out',
          ),
        ]
      : null,
  );
}

function route(): void {
  current?.abort();
  current = new AbortController();
  const signedIn = session.apiKey !== undefined;
  renderShell(signedIn);
  if (!signedIn) {
    window.location.replace(signInPage);
    return;
  }
  const [path = '', search = ''] = window.location.hash.replace(/^#/, '').split('?');
  const match = routes.map((candidate) => ({ candidate, groups: candidate.pattern.exec(path) })).find(({ groups }) => groups !== null);
  if (!match?.groups) {
    window.location.replace('#/orders');
    return;
  }
  const params = match.groups.slice(1).map((value) => decodeURIComponent(value));
  const title = match.candidate.title(params);
  document.title = `${title} · OMS ops console`;
  for (const link of nav.querySelectorAll('a')) {
    if (link.getAttribute('data-nav') === match.candidate.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  void match.candidate.view(main, { params, query: new URLSearchParams(search), signal: current.signal });
  // After navigating, focus goes to the new page's heading, so keyboard and screen reader users start there.
  if (!firstRender) (main.querySelector('h1') as HTMLElement | null)?.focus();
  firstRender = false;
}

window.addEventListener('hashchange', route);
await loadConfig();
route();

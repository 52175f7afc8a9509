/** Pieces every view uses: headings, notices, tables, links to orders, status badges. */
import { describeFailure } from '../api';
import { h, type Child } from '../dom';

export interface ViewContext {
  /** Path parameters of the route (`#/orders/<id>` → [id]). */
  readonly params: readonly string[];
  /** The query part of the hash (`#/orders?status=ON_HOLD`). */
  readonly query: URLSearchParams;
  /** Aborted when the page is left: stops polling and outstanding requests. */
  readonly signal: AbortSignal;
}

export type View = (main: HTMLElement, context: ViewContext) => void | Promise<void>;

/** The page's one h1; focus moves to it on navigation (tabindex -1), so screen readers announce the page. */
export const pageHeading = (text: string, ...rest: Child[]) => h('h1', { tabindex: -1, class: 'page-heading' }, text, ...rest);

export type NoticeKind = 'info' | 'error' | 'unavailable' | 'success';

/** A message box; errors are role=alert, the rest role=status (announced politely). */
export function notice(kind: NoticeKind, ...content: Child[]): HTMLElement {
  const symbols: Record<NoticeKind, string> = { info: 'ℹ', error: '✗', unavailable: '⊘', success: '✓' };
  return h(
    'div',
    { class: `notice notice--${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-notice': kind },
    h('span', { class: 'notice-symbol', 'aria-hidden': 'true' }, symbols[kind]),
    h('div', {}, ...content),
  );
}

/** A failed call as a notice: "not available" for a route the API does not serve, an error otherwise. */
export function failureNotice(what: string, error: unknown): HTMLElement {
  const message = describeFailure(error);
  const unavailable = message.startsWith('Not available');
  return notice(unavailable ? 'unavailable' : 'error', h('strong', {}, `${what}: `), message);
}

export const orderHref = (orderId: string) => `#/orders/${encodeURIComponent(orderId)}`;

export const orderLink = (orderId: string) => h('a', { href: orderHref(orderId), class: 'order-link' }, orderId);

/** A status as a word with a shape marker (never colour alone). */
export function statusBadge(status: string): HTMLElement {
  return h('span', { class: `badge badge--status-${status.toLowerCase().replace(/_/g, '-')}`, 'data-status': status }, status);
}

export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => Child;
  /** The row's header cell (th scope=row), e.g. the order id. */
  readonly rowHeader?: boolean;
  readonly numeric?: boolean;
}

export function dataTable<Row>(caption: string, columns: readonly Column<Row>[], rows: readonly Row[], { rowAttributes }: { rowAttributes?: (row: Row) => Record<string, string> } = {}): HTMLElement {
  return h(
    'div',
    { class: 'table-scroller', role: 'region', 'aria-label': caption, tabindex: 0 },
    h(
      'table',
      { class: 'data-table' },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col', class: column.numeric ? 'numeric' : undefined }, column.header)))),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            rowAttributes?.(row) ?? {},
            columns.map((column) => h(column.rowHeader ? 'th' : 'td', { ...(column.rowHeader && { scope: 'row' }), class: column.numeric ? 'numeric' : undefined }, column.cell(row))),
          ),
        ),
      ),
    ),
  );
}

/** A labelled form field; every input of the console goes through here, so none lacks a label. */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement, hint?: string): HTMLElement {
  const id = control.id || `field-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  control.id = id;
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('p', { id: hintId, class: 'field-hint' }, hint) : null);
}

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = window.setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      window.clearTimeout(timer);
      resolve();
    });
  });

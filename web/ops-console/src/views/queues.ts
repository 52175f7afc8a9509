/**
 * The ops queues: orders held for review (approve or reject), orders stuck past their SLA, failed
 * executions (redrive) and escalations. Each list is read from its /ops endpoint; when the API does
 * not serve one (yet), the view says so instead of failing.
 */
import { describeFailure, get, request } from '../api';
import { announce, h, replaceChildren, type Child } from '../dom';
import { formatDuration, formatInstant, formatMoney, type Money } from '../format';
import { dataTable, failureNotice, field, notice, orderLink, pageHeading, statusBadge, type Column, type ViewContext } from './common';
import { decisionPast, reviewOrder, type ReviewDecision } from './review';

interface Page<Item> {
  readonly items: Item[];
  readonly nextCursor?: string;
}

/** A list view: heading, intro, a results area that loads pages and offers "Load more". */
function listView<Item>(
  main: HTMLElement,
  { signal }: ViewContext,
  options: {
    title: string;
    intro: Child;
    endpoint: string;
    query?: Record<string, string>;
    caption: (count: number) => string;
    empty: string;
    columns: (reload: () => void) => Column<Item>[];
    rowAttributes?: (item: Item) => Record<string, string>;
    before?: Child;
  },
): void {
  const results = h('div', { class: 'results', 'aria-busy': 'true' }, h('p', {}, 'Loading…'));
  const reloadButton = h('button', { type: 'button', class: 'button button--small' }, 'Reload');
  replaceChildren(main, pageHeading(options.title), h('p', { class: 'lead' }, options.intro), options.before, h('div', { class: 'button-row' }, reloadButton), results);
  let items: Item[] = [];
  const load = async (cursor?: string) => {
    results.setAttribute('aria-busy', 'true');
    try {
      const page = await get<Page<Item>>(options.endpoint, { ...options.query, ...(cursor && { cursor }) }, signal);
      items = cursor ? [...items, ...page.items] : page.items;
      replaceChildren(
        results,
        items.length === 0
          ? notice('info', options.empty)
          : dataTable(options.caption(items.length), options.columns(() => void load()), items, { ...(options.rowAttributes && { rowAttributes: options.rowAttributes }) }),
        page.nextCursor ? h('button', { type: 'button', class: 'button', onClick: () => void load(page.nextCursor) }, 'Load more') : null,
      );
    } catch (error) {
      if (signal.aborted) return;
      replaceChildren(results, failureNotice(`${options.title} not available`, error));
    } finally {
      results.setAttribute('aria-busy', 'false');
    }
  };
  reloadButton.addEventListener('click', () => void load());
  void load();
}

interface HeldOrder {
  readonly orderId: string;
  readonly channelId: string;
  readonly since: string;
  readonly reasons: (string | { code?: string; message?: string })[];
  readonly grandTotal?: Money;
}

const reasonText = (reason: HeldOrder['reasons'][number]) => (typeof reason === 'string' ? reason : [reason.message, reason.code && `(${reason.code})`].filter(Boolean).join(' '));

export function renderHoldQueue(main: HTMLElement, context: ViewContext): void {
  const note = h('input', { type: 'text', id: 'hold-review-note', maxlength: 1000, autocomplete: 'off' });
  const feedback = h('div', { class: 'action-feedback' });
  const decide = async (item: HeldOrder, decision: ReviewDecision, row: HTMLElement | null, reload: () => void) => {
    const buttons = row ? [...row.querySelectorAll('button')] : [];
    for (const button of buttons) button.disabled = true;
    replaceChildren(feedback, notice('info', `Sending: ${decision} order ${item.orderId}…`));
    try {
      await reviewOrder(item.orderId, decision, note.value.trim() || undefined);
      replaceChildren(feedback, notice('success', `Order ${item.orderId} ${decisionPast[decision]}.`));
      announce(`Order ${item.orderId} ${decisionPast[decision]}`);
      reload();
    } catch (error) {
      replaceChildren(feedback, notice('error', `Could not ${decision} order ${item.orderId}: ${describeFailure(error)}`));
      for (const button of buttons) button.disabled = false;
    }
  };
  listView<HeldOrder>(main, context, {
    title: 'Hold queue',
    intro: 'Orders the risk screen held for a manual review. Approve lets the order go on to allocation; reject ends it (nothing was held or charged).',
    endpoint: '/ops/hold-queue',
    caption: (count) => `${count} order${count === 1 ? '' : 's'} waiting for review, oldest first`,
    empty: 'No orders are waiting for review.',
    before: h('div', {}, field('Review note (optional, sent with the decision)', note), feedback),
    rowAttributes: (item) => ({ 'data-order-id': item.orderId }),
    columns: (reload) => [
      { header: 'Order', cell: (item) => orderLink(item.orderId), rowHeader: true },
      { header: 'Channel', cell: (item) => item.channelId },
      { header: 'Held since', cell: (item) => formatInstant(item.since) },
      { header: 'Reasons', cell: (item) => (item.reasons?.length ? h('ul', { class: 'compact-list' }, item.reasons.map((reason) => h('li', {}, reasonText(reason)))) : '—') },
      { header: 'Total', cell: (item) => formatMoney(item.grandTotal), numeric: true },
      {
        header: 'Decision',
        cell: (item) => {
          const approve = h('button', { type: 'button', class: 'button button--approve button--small', 'aria-label': `Approve order ${item.orderId}` }, '✓ Approve');
          const reject = h('button', { type: 'button', class: 'button button--reject button--small', 'aria-label': `Reject order ${item.orderId}` }, '✗ Reject');
          approve.addEventListener('click', () => void decide(item, 'approve', approve.closest('tr'), reload));
          reject.addEventListener('click', () => void decide(item, 'reject', reject.closest('tr'), reload));
          return h('div', { class: 'button-row button-row--tight' }, approve, reject);
        },
      },
    ],
  });
}

interface StuckOrder {
  readonly orderId: string;
  readonly channelId: string;
  readonly status: string;
  readonly since: string;
  /** One line for people, with the waits or the execution step behind it. */
  readonly waitingFor: string | { summary?: string; waits?: { kind: string; since: string }[]; execution?: { status: string; state?: string } };
  readonly slaSeconds: number;
  readonly overdueSeconds: number;
}

export function renderStuckOrders(main: HTMLElement, context: ViewContext): void {
  listView<StuckOrder>(main, context, {
    title: 'Stuck orders',
    intro: 'Orders waiting longer than their step’s service level (for a warehouse, a carrier scan, a payment action, stock).',
    endpoint: '/ops/stuck-orders',
    caption: (count) => `${count} stuck order${count === 1 ? '' : 's'}`,
    empty: 'No order is past its service level.',
    rowAttributes: (item) => ({ 'data-order-id': item.orderId }),
    columns: () => [
      { header: 'Order', cell: (item) => orderLink(item.orderId), rowHeader: true },
      { header: 'Channel', cell: (item) => item.channelId },
      { header: 'Status', cell: (item) => statusBadge(item.status) },
      { header: 'Waiting for', cell: (item) => (typeof item.waitingFor === 'string' ? item.waitingFor : (item.waitingFor?.summary ?? '—')) },
      { header: 'Since', cell: (item) => formatInstant(item.since) },
      { header: 'Service level', cell: (item) => formatDuration(item.slaSeconds), numeric: true },
      { header: 'Overdue by', cell: (item) => h('strong', {}, formatDuration(item.overdueSeconds)), numeric: true },
    ],
  });
}

/** A stopped execution (GET /ops/executions); a few fields are read loosely. */
interface ExecutionItem {
  readonly executionName: string;
  readonly executionArn?: string;
  /** lifecycle or return. */
  readonly stateMachine?: string;
  readonly orderId?: string | null;
  readonly status?: string;
  readonly startDate?: string;
  readonly stopDate?: string | null;
  readonly error?: string | null;
  readonly cause?: string | null;
  readonly failedState?: string | null;
  readonly redriveCount?: number;
}

const workflows = [
  { value: 'lifecycle', label: 'Order lifecycle' },
  { value: 'return', label: 'Returns' },
] as const;

export function renderExecutions(main: HTMLElement, context: ViewContext): void {
  const stateMachine = context.query.get('stateMachine') === 'return' ? 'return' : 'lifecycle';
  const feedback = h('div', { class: 'action-feedback' });
  const machineSelect = h('select', { id: 'executions-state-machine' }, workflows.map((workflow) => h('option', { value: workflow.value }, workflow.label)));
  machineSelect.value = stateMachine;
  const filter = h('form', { class: 'filters', 'aria-label': 'Which executions' }, field('State machine', machineSelect), h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'button button--primary' }, 'Show')));
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    window.location.hash = `#/executions?stateMachine=${machineSelect.value}`;
  });
  const redrive = async (item: ExecutionItem, button: HTMLButtonElement, reload: () => void) => {
    const name = item.executionName;
    button.disabled = true;
    replaceChildren(feedback, notice('info', `Redriving ${name}…`));
    try {
      await request('POST', `/ops/executions/${encodeURIComponent(name)}/redrive`, { query: { stateMachine: item.stateMachine ?? stateMachine } });
      replaceChildren(feedback, notice('success', `Execution ${name} redriven: it runs again from ${item.failedState ?? 'the state it failed in'}.`));
      announce(`Execution ${name} redriven`);
      reload();
    } catch (error) {
      replaceChildren(feedback, notice('error', `Could not redrive ${name}: ${describeFailure(error)}`));
      button.disabled = false;
    }
  };
  listView<ExecutionItem>(main, context, {
    title: 'Failed executions',
    intro: 'Executions that ended FAILED, newest first. Redrive runs one again from the state it failed in, once the cause is fixed.',
    endpoint: '/ops/executions',
    query: { status: 'FAILED', stateMachine },
    caption: (count) => `${count} failed execution${count === 1 ? '' : 's'} of the ${stateMachine === 'return' ? 'returns' : 'order lifecycle'}`,
    empty: 'No failed executions.',
    before: [filter, feedback],
    rowAttributes: (item) => ({ 'data-execution-name': item.executionName }),
    columns: (reload) => [
      { header: 'Execution', cell: (item) => (item.orderId ? orderLink(item.orderId) : item.executionName), rowHeader: true },
      { header: 'Failed', cell: (item) => formatInstant(item.stopDate ?? undefined) },
      { header: 'In state', cell: (item) => item.failedState ?? '—' },
      { header: 'Error', cell: (item) => item.error ?? '—' },
      { header: 'Cause', cell: (item) => (item.cause ? h('span', { class: 'truncate', title: item.cause }, item.cause.slice(0, 160)) : '—') },
      { header: 'Redriven', cell: (item) => String(item.redriveCount ?? 0), numeric: true },
      {
        header: 'Action',
        cell: (item) => {
          const button = h('button', { type: 'button', class: 'button button--small', 'aria-label': `Redrive execution ${item.executionName}` }, '↻ Redrive');
          button.addEventListener('click', () => void redrive(item, button, reload));
          return button;
        },
      },
    ],
  });
}

/** Escalations; read loosely (the escalation may be nested or flat). */
interface EscalationItem {
  readonly orderId: string;
  readonly channelId?: string;
  readonly status?: string;
  readonly reason?: string;
  readonly by?: string;
  readonly at?: string;
  readonly since?: string;
  readonly escalation?: { reason?: string; by?: string; at?: string };
}

export function renderEscalations(main: HTMLElement, context: ViewContext): void {
  listView<EscalationItem>(main, context, {
    title: 'Escalations',
    intro: 'Orders customer service escalated to ops, oldest first.',
    endpoint: '/ops/escalations',
    caption: (count) => `${count} escalated order${count === 1 ? '' : 's'}`,
    empty: 'No escalated orders.',
    rowAttributes: (item) => ({ 'data-order-id': item.orderId }),
    columns: () => [
      { header: 'Order', cell: (item) => orderLink(item.orderId), rowHeader: true },
      { header: 'Channel', cell: (item) => item.channelId ?? '—' },
      { header: 'Status', cell: (item) => (item.status ? statusBadge(item.status) : '—') },
      { header: 'Escalated', cell: (item) => formatInstant(item.escalation?.at ?? item.at ?? item.since) },
      { header: 'By', cell: (item) => item.escalation?.by ?? item.by ?? '—' },
      { header: 'Reason', cell: (item) => item.escalation?.reason ?? item.reason ?? '—' },
    ],
  });
}

/**
 * One order: its execution drawn on the state machine's graph (and its returns' executions), the
 * money summary, shipments with tracking, and the timeline; refreshed every 2 s while anything still
 * runs, so a live order is seen moving. An ops key reads every channel's orders and timelines; should
 * the order itself not be readable, the execution (ops-scoped) is still shown.
 */
import { ApiError, describeFailure, get } from '../api';
import type { PathStep } from '../asl-graph';
import { announce, h, replaceChildren, type Child } from '../dom';
import { formatInstant, formatMoney, type Money } from '../format';
import { ExecutionGraph } from '../graph-view';
import { dataTable, failureNotice, notice, pageHeading, sleep, statusBadge, type ViewContext } from './common';
import { decisionPast, reviewOrder, type ReviewDecision } from './review';

export const pollIntervalMs = 2000;

interface Execution {
  readonly stateMachine: string;
  readonly definition: Record<string, unknown>;
  readonly status: string;
  readonly currentStates: string[];
  readonly path: PathStep[];
}

interface OrderExecution extends Execution {
  readonly orderId: string;
  readonly channelId: string;
  readonly returns?: (Execution & { returnId: string })[];
}

interface Shipment {
  readonly shipmentId: string;
  readonly locationId: string;
  readonly kind: string;
  readonly status: string;
  readonly carrier?: string;
  readonly service?: string;
  readonly trackingNumber?: string;
  readonly labelUrl?: string;
  readonly promiseDate?: string;
  readonly amount?: Money;
}

interface Order {
  readonly id: string;
  readonly channelId: string;
  readonly channelOrderRef: string;
  readonly status: string;
  readonly customer?: { id?: string; email?: string };
  readonly deliveryMethod?: string;
  readonly placedAt: string;
  readonly updatedAt?: string;
  readonly totals?: { subtotal?: Money; shippingTotal?: Money; taxTotal?: Money; discountTotal?: Money; grandTotal?: Money };
  readonly money?: { authorized: Money; captured: Money; refunded: Money; voided: Money; credited?: Money; outstandingAuthorization: Money; netPaid: Money };
  readonly shipments?: Shipment[];
  readonly risk?: { decision: string; reasons: { code: string; message: string }[]; reviewedBy?: string };
  readonly escalation?: { by: string; reason: string; at: string };
}

interface TimelineEntry {
  readonly at: string;
  readonly source: string;
  readonly type: string;
  readonly detail?: string;
}

const terminalOrderStatuses = new Set(['COMPLETED', 'CANCELLED', 'REJECTED', 'FAILED', 'PAYMENT_DECLINED']);
const runningExecution = (status: string) => status === 'RUNNING' || status === 'NOT_STARTED';

const definitionList = (entries: readonly [string, Child][]) =>
  h(
    'dl',
    { class: 'facts' },
    entries.map(([term, value]) => h('div', { class: 'fact' }, h('dt', {}, term), h('dd', {}, value))),
  );

const section = (id: string, title: string, ...content: Child[]) => h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), ...content);

export async function renderOrder(main: HTMLElement, { params, signal }: ViewContext): Promise<void> {
  const orderId = params[0] as string;
  const statusBadgeSlot = h('span', { class: 'heading-badge' });
  const liveStatus = h('p', { class: 'live-status' }, 'Loading…');
  const pauseButton = h('button', { type: 'button', class: 'button button--small', 'aria-pressed': 'false' }, 'Pause live updates');
  const refreshButton = h('button', { type: 'button', class: 'button button--small' }, 'Refresh now');
  const reviewSlot = h('div', { class: 'review-slot' });
  const executionSlot = h('div', { class: 'execution-slot' }, h('p', {}, 'Loading the execution…'));
  const returnsSlot = h('div', {});
  const summarySlot = h('div', {}, h('p', {}, 'Loading…'));
  const moneySlot = h('div', {}, h('p', {}, 'Loading…'));
  const shipmentsSlot = h('div', {}, h('p', {}, 'Loading…'));
  const timelineSlot = h('div', {}, h('p', {}, 'Loading…'));

  replaceChildren(
    main,
    h('p', { class: 'breadcrumbs' }, h('a', { href: '#/orders' }, '← Orders')),
    pageHeading(`Order ${orderId}`, ' ', statusBadgeSlot),
    h('div', { class: 'live-bar' }, liveStatus, pauseButton, refreshButton),
    reviewSlot,
    h(
      'div',
      { class: 'order-layout' },
      section('execution-heading', 'Execution', executionSlot, returnsSlot),
      h('div', { class: 'order-side' }, section('summary-heading', 'Summary', summarySlot), section('money-heading', 'Money', moneySlot), section('shipments-heading', 'Shipments', shipmentsSlot)),
    ),
    section('timeline-heading', 'Timeline', timelineSlot),
  );

  const graphs = new Map<string, ExecutionGraph>();
  const graphFor = (key: string, execution: Execution, heading: string) => {
    let graph = graphs.get(key);
    if (!graph) {
      graph = new ExecutionGraph(execution.definition, { stateMachine: execution.stateMachine, heading });
      graphs.set(key, graph);
    }
    graph.update(execution);
    return graph;
  };

  let paused = false;
  let lastOrderStatus: string | undefined;
  let lastAnnounced = '';
  pauseButton.addEventListener('click', () => {
    paused = !paused;
    pauseButton.setAttribute('aria-pressed', String(paused));
    pauseButton.textContent = paused ? 'Resume live updates' : 'Pause live updates';
    if (!paused) void poll();
  });
  refreshButton.addEventListener('click', () => void refresh());

  const renderReview = (order: Order | undefined) => {
    const held = order?.status === 'ON_HOLD' && order.risk?.reviewedBy === undefined;
    if (order?.status === lastOrderStatus && reviewSlot.childElementCount > 0 === held) return;
    lastOrderStatus = order?.status;
    if (!held || !order) {
      replaceChildren(reviewSlot);
      return;
    }
    const feedback = h('div', {});
    const note = h('input', { type: 'text', id: 'review-note', maxlength: 1000, autocomplete: 'off' });
    const decide = async (decision: ReviewDecision, button: HTMLButtonElement) => {
      for (const control of reviewSlot.querySelectorAll('button')) control.disabled = true;
      button.setAttribute('aria-busy', 'true');
      replaceChildren(feedback, notice('info', `Sending: ${decision}…`));
      try {
        await reviewOrder(order.id, decision, note.value.trim() || undefined);
        replaceChildren(feedback, notice('success', `Order ${order.id} ${decisionPast[decision]}.`));
        void refresh();
      } catch (error) {
        replaceChildren(feedback, notice('error', `Could not ${decision} the order: ${describeFailure(error)}`));
        for (const control of reviewSlot.querySelectorAll('button')) control.disabled = false;
      } finally {
        button.removeAttribute('aria-busy');
      }
    };
    const approve = h('button', { type: 'button', class: 'button button--approve' }, '✓ Approve');
    const reject = h('button', { type: 'button', class: 'button button--reject' }, '✗ Reject');
    approve.addEventListener('click', () => void decide('approve', approve));
    reject.addEventListener('click', () => void decide('reject', reject));
    replaceChildren(
      reviewSlot,
      h(
        'section',
        { class: 'panel panel--attention', 'aria-labelledby': 'review-heading' },
        h('h2', { id: 'review-heading' }, 'Held for review'),
        h('ul', {}, (order.risk?.reasons ?? []).map((reason) => h('li', {}, `${reason.message} (${reason.code})`))),
        h('div', { class: 'field' }, h('label', { for: 'review-note' }, 'Review note (optional)'), note),
        h('div', { class: 'button-row' }, approve, reject),
        feedback,
      ),
    );
  };

  const renderSummary = (order: Order) =>
    replaceChildren(
      summarySlot,
      definitionList([
        ['Status', statusBadge(order.status)],
        ['Channel', order.channelId],
        ['Channel reference', order.channelOrderRef],
        ['Customer', [order.customer?.id ?? '—', order.customer?.email ? ` (${order.customer.email})` : '']],
        ['Delivery', order.deliveryMethod ?? '—'],
        ['Placed', formatInstant(order.placedAt)],
        ['Updated', formatInstant(order.updatedAt)],
        ['Risk', order.risk ? `${order.risk.decision}${order.risk.reviewedBy ? `, reviewed by ${order.risk.reviewedBy}` : ''}` : '—'],
        ...(order.escalation ? ([['Escalated', `${order.escalation.reason} (by ${order.escalation.by}, ${formatInstant(order.escalation.at)})`]] as [string, Child][]) : []),
      ]),
    );

  const renderMoney = (order: Order) => {
    const money = order.money;
    replaceChildren(
      moneySlot,
      definitionList([
        ['Grand total', formatMoney(order.totals?.grandTotal)],
        ['Authorized', formatMoney(money?.authorized)],
        ['Captured', formatMoney(money?.captured)],
        ['Refunded', formatMoney(money?.refunded)],
        ['Voided', formatMoney(money?.voided)],
        ...(money?.credited ? ([['Store credit', formatMoney(money.credited)]] as [string, Child][]) : []),
        ['Still authorized', formatMoney(money?.outstandingAuthorization)],
        ['Net paid', formatMoney(money?.netPaid)],
      ]),
      money ? null : h('p', { class: 'muted' }, 'No payment operations yet.'),
    );
  };

  const trackingOf = (shipment: Shipment): Child =>
    shipment.trackingNumber
      ? shipment.labelUrl && /^https?:/.test(shipment.labelUrl)
        ? h('a', { href: shipment.labelUrl, rel: 'noreferrer', target: '_blank' }, h('code', { 'data-tracking-number': shipment.trackingNumber }, shipment.trackingNumber), h('span', { class: 'visually-hidden' }, ' (label, opens in a new tab)'))
        : h('code', { 'data-tracking-number': shipment.trackingNumber }, shipment.trackingNumber)
      : 'not yet';

  const renderShipments = (order: Order) =>
    replaceChildren(
      shipmentsSlot,
      order.shipments?.length
        ? h(
            'ul',
            { class: 'shipment-list', 'aria-label': `${order.shipments.length} shipment${order.shipments.length === 1 ? '' : 's'}` },
            order.shipments.map((shipment) =>
              h(
                'li',
                { class: 'shipment-card', 'data-shipment-id': shipment.shipmentId },
                h('h3', {}, shipment.shipmentId, ' ', statusBadge(shipment.status)),
                definitionList([
                  ['From', `${shipment.locationId} (${shipment.kind})`],
                  ['Carrier', shipment.carrier ? `${shipment.carrier}${shipment.service ? ` · ${shipment.service}` : ''}` : '—'],
                  ['Tracking', trackingOf(shipment)],
                  ['Promised', shipment.promiseDate ?? '—'],
                  ['Amount', formatMoney(shipment.amount)],
                ]),
              ),
            ),
          )
        : h('p', { class: 'muted' }, 'No shipments planned yet.'),
    );

  const renderTimeline = (entries: readonly TimelineEntry[]) =>
    replaceChildren(
      timelineSlot,
      entries.length
        ? dataTable(
            `${entries.length} entries, newest first`,
            [
              { header: 'When', cell: (entry) => formatInstant(entry.at) },
              { header: 'Source', cell: (entry) => entry.source },
              { header: 'What', cell: (entry) => entry.type, rowHeader: true },
              { header: 'Detail', cell: (entry) => entry.detail ?? '' },
            ],
            [...entries].reverse(),
          )
        : h('p', { class: 'muted' }, 'Nothing yet.'),
    );

  let orderUnavailable: string | undefined;
  let finished = false;

  const refresh = async (): Promise<void> => {
    const [executionResult, orderResult, timelineResult] = await Promise.allSettled([
      get<OrderExecution>(`/ops/orders/${encodeURIComponent(orderId)}/execution`, undefined, signal),
      orderUnavailable ? Promise.reject(new Error(orderUnavailable)) : get<Order>(`/orders/${encodeURIComponent(orderId)}`, undefined, signal),
      orderUnavailable ? Promise.reject(new Error(orderUnavailable)) : get<{ items: TimelineEntry[] }>(`/orders/${encodeURIComponent(orderId)}/timeline`, undefined, signal),
    ]);
    if (signal.aborted) return;

    let order: Order | undefined;
    if (orderResult.status === 'fulfilled') {
      order = orderResult.value;
      renderSummary(order);
      renderMoney(order);
      renderShipments(order);
      replaceChildren(statusBadgeSlot, statusBadge(order.status));
    } else if (!orderUnavailable) {
      const error = orderResult.reason;
      // An unknown order (404) or a key that may not read it (403) will not change: stop asking.
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
        orderUnavailable = `${describeFailure(error)} GET /orders/{id} needs an ops, customer-service or orders key of the order’s channel.`;
      }
      const message = failureNotice('The order is not available with this key', error);
      for (const slot of [summarySlot, moneySlot, shipmentsSlot]) replaceChildren(slot, message.cloneNode(true));
    }
    if (timelineResult.status === 'fulfilled') renderTimeline(timelineResult.value.items);
    else if (orderUnavailable || timelineResult.reason instanceof ApiError) replaceChildren(timelineSlot, failureNotice('The timeline is not available', timelineResult.reason));
    renderReview(order);

    let execution: OrderExecution | undefined;
    if (executionResult.status === 'fulfilled') {
      execution = executionResult.value;
      if (!order) replaceChildren(statusBadgeSlot, h('span', { class: 'muted' }, `channel ${execution.channelId}`));
      const graph = graphFor('lifecycle', execution, `Lifecycle: ${execution.stateMachine}`);
      if (!executionSlot.contains(graph.element)) replaceChildren(executionSlot, graph.element);
      const returns = execution.returns ?? [];
      if (returns.length) {
        const returnGraphs = returns.map((rma) => graphFor(`return:${rma.returnId}`, rma, `Return ${rma.returnId}: ${rma.stateMachine}`).element);
        if (returnGraphs.some((element) => !returnsSlot.contains(element))) replaceChildren(returnsSlot, h('h3', { class: 'subheading' }, 'Returns'), returnGraphs);
      }
      const said = `Execution ${execution.status}${execution.currentStates.length ? `, in ${execution.currentStates.join(', ')}` : ''}`;
      if (said !== lastAnnounced) {
        if (lastAnnounced) announce(said);
        lastAnnounced = said;
      }
    } else {
      const error = executionResult.reason;
      if (error instanceof ApiError && error.status === 404 && !error.isMissingRoute) {
        replaceChildren(executionSlot, notice('error', `No order ${orderId}: ${error.message}`));
        finished = true;
      } else {
        replaceChildren(executionSlot, failureNotice('The execution is not available', error));
      }
    }

    const stillRunning =
      (execution ? runningExecution(execution.status) || (execution.returns ?? []).some((rma) => runningExecution(rma.status)) : true) ||
      (order ? !terminalOrderStatuses.has(order.status) : false);
    if (execution && !stillRunning) finished = true;
    liveStatus.textContent = finished
      ? `Updated ${new Date().toLocaleTimeString()}. Live updates stopped: the execution has ended.`
      : paused
        ? `Updated ${new Date().toLocaleTimeString()}. Live updates paused.`
        : `Live: updated ${new Date().toLocaleTimeString()}, every ${pollIntervalMs / 1000} s.`;
    pauseButton.hidden = finished;
  };

  let polling = false;
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      while (!signal.aborted && !paused && !finished) {
        await refresh();
        if (finished || signal.aborted) break;
        await sleep(pollIntervalMs, signal);
      }
    } finally {
      polling = false;
    }
  };
  await poll();
}

/**
 * Orders: GET /ops/orders, every channel's orders newest first, with its filters (channel, status,
 * placed from/to, and customer within a channel). Any order also opens by its id.
 */
import { get } from '../api';
import { h, replaceChildren } from '../dom';
import { formatInstant, formatMoney, startOfLocalDay, type Money } from '../format';
import { dataTable, failureNotice, field, notice, orderHref, orderLink, pageHeading, statusBadge, type ViewContext } from './common';

export const orderStatuses = [
  'PLACED', 'ON_HOLD', 'REJECTED', 'BACKORDERED', 'ALLOCATED', 'PAYMENT_ACTION_REQUIRED', 'PAYMENT_AUTHORIZED', 'PAYMENT_DECLINED',
  'IN_FULFILMENT', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'COMPLETED', 'CANCELLED', 'FAILED',
] as const;

export interface OrderSummary {
  readonly id: string;
  readonly channelId: string;
  readonly channelOrderRef: string;
  readonly status: string;
  readonly placedAt: string;
  readonly customer?: { id?: string; email?: string };
  readonly totals?: { grandTotal?: Money };
}

interface OrderPage {
  readonly items: OrderSummary[];
  readonly nextCursor?: string;
}

export function renderOrders(main: HTMLElement, { query, signal }: ViewContext): void {
  // Open by id: works for every channel (the execution is ops-scoped).
  const idInput = h('input', { type: 'text', name: 'orderId', autocomplete: 'off', spellcheck: 'false', required: true, id: 'open-order-id' });
  const openForm = h(
    'form',
    { class: 'inline-form', 'aria-label': 'Open an order by id' },
    field('Order id', idInput),
    h('button', { type: 'submit', class: 'button' }, 'Open order'),
  );
  openForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = idInput.value.trim();
    if (id) window.location.hash = orderHref(id);
  });

  const status = h('select', { name: 'status', id: 'filter-status' }, h('option', { value: '' }, 'Any status'), orderStatuses.map((value) => h('option', { value }, value)));
  status.value = query.get('status') ?? '';
  const placedFrom = h('input', { type: 'date', name: 'placedFrom', id: 'filter-from' });
  placedFrom.value = query.get('from') ?? '';
  const placedTo = h('input', { type: 'date', name: 'placedTo', id: 'filter-to' });
  placedTo.value = query.get('to') ?? '';
  const customer = h('input', { type: 'text', name: 'customerId', id: 'filter-customer', autocomplete: 'off' });
  customer.value = query.get('customer') ?? '';
  const channel = h('input', { type: 'text', name: 'channel', id: 'filter-channel', autocomplete: 'off', spellcheck: 'false' });
  channel.value = query.get('channel') ?? '';

  const filters = h(
    'form',
    { class: 'filters', 'aria-label': 'Filter orders' },
    field('Status', status),
    field('Placed from', placedFrom, 'First day, inclusive'),
    field('Placed to', placedTo, 'Last day, inclusive'),
    field('Channel', channel, 'Empty: every channel'),
    field('Customer id', customer, 'Needs the channel: customer ids are per channel'),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'button button--primary' }, 'Apply filters'), h('a', { href: '#/orders', class: 'button' }, 'Clear')),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (status.value) next.set('status', status.value);
    if (placedFrom.value) next.set('from', placedFrom.value);
    if (placedTo.value) next.set('to', placedTo.value);
    if (channel.value.trim()) next.set('channel', channel.value.trim());
    if (customer.value.trim()) next.set('customer', customer.value.trim());
    window.location.hash = `#/orders${next.toString() ? `?${next}` : ''}`;
  });

  const results = h('div', { class: 'results', 'aria-busy': 'true' }, h('p', {}, 'Loading orders…'));
  replaceChildren(
    main,
    pageHeading('Orders'),
    h('p', { class: 'lead' }, 'Orders of every channel, newest first. Open any order by its id.'),
    openForm,
    filters,
    results,
  );

  const items: OrderSummary[] = [];
  const load = async (cursor?: string) => {
    results.setAttribute('aria-busy', 'true');
    try {
      const page = await get<OrderPage>(
        '/ops/orders',
        {
          limit: 25,
          channel: channel.value.trim() || undefined,
          status: status.value || undefined,
          placedFrom: placedFrom.value ? startOfLocalDay(placedFrom.value) : undefined,
          placedTo: placedTo.value ? startOfLocalDay(placedTo.value, 1) : undefined,
          customerId: customer.value.trim() || undefined,
          cursor,
        },
        signal,
      );
      items.push(...page.items);
      const more = page.nextCursor
        ? h('button', { type: 'button', class: 'button', onClick: () => void load(page.nextCursor) }, 'Load more orders')
        : null;
      replaceChildren(
        results,
        items.length === 0
          ? notice('info', 'No orders match these filters.')
          : dataTable(
              `${items.length} order${items.length === 1 ? '' : 's'}${channel.value.trim() ? ` of channel ${channel.value.trim()}` : ' of every channel'}, newest first`,
              [
                { header: 'Order', cell: (order) => orderLink(order.id), rowHeader: true },
                { header: 'Channel', cell: (order) => order.channelId },
                { header: 'Channel reference', cell: (order) => order.channelOrderRef },
                { header: 'Status', cell: (order) => statusBadge(order.status) },
                { header: 'Placed', cell: (order) => formatInstant(order.placedAt) },
                { header: 'Customer', cell: (order) => order.customer?.id ?? '—' },
                { header: 'Total', cell: (order) => formatMoney(order.totals?.grandTotal), numeric: true },
              ],
              items,
              { rowAttributes: (order) => ({ 'data-order-id': order.id }) },
            ),
        more,
      );
      if (cursor) (results.querySelector('tbody tr:last-child a') as HTMLElement | null)?.focus();
    } catch (error) {
      if (signal.aborted) return;
      replaceChildren(results, failureNotice('Orders are not available', error), notice('info', 'Any order still opens by its id above.'));
    } finally {
      results.setAttribute('aria-busy', 'false');
    }
  };
  void load();
}

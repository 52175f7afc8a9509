import { describe, expect, it } from 'vitest';
import { customerNotificationRule } from '../../../infra/definitions/event-bus';
import { compileEventPattern } from '../../../infra/local/cloud/eventbridge/event-pattern';
import { OrderAllocated, ShipmentStatusChanged } from '../../../shared/events/catalog/order-events';
import { domainEvent, toOutgoingEvent, type PendingEvent } from '../../../shared/events/event-publisher';
import { formatMoney, renderCustomerNotification, trackingUrlOf, type NotificationSettings } from '../../../shared/notifications/customer-notifications';
import { resolveLocale, supportedLocales, templateIds } from '../../../shared/notifications/message-templates';
import { notifiedCases, shipmentId, snapshot, trackingNumber } from './fixtures';

const settings: NotificationSettings = { trackingUrlTemplate: 'https://track.example/{carrier}/{trackingNumber}', channelLocales: {} };
const carrierFreeSettings: NotificationSettings = { trackingUrlTemplate: 'https://track.example/parcels/{trackingNumber}', channelLocales: {} };

const render = (pending: PendingEvent, renderSettings: NotificationSettings = settings) => renderCustomerNotification(pending.definition, pending.data, renderSettings);

const leftoverPlaceholder = /\{[A-Za-z]+\}|undefined|NaN/;

describe('customer notification templates', () => {
  it('cover every template with at least one notified event', () => {
    // Act
    const used = new Set(notifiedCases.map((notified) => notified.template));

    // Assess
    expect([...used].sort()).toEqual([...templateIds].sort());
  });

  describe.each(supportedLocales)('in %s', (locale) => {
    it.each(notifiedCases.map((notified) => [notified.name, notified] as const))('render %s with every placeholder filled', (_name, notified) => {
      // Prepare
      const pending = notified.event(snapshot({}, { locale }));

      // Act
      const notification = render(pending, notified.tracking ? carrierFreeSettings : settings);

      // Assess
      expect(notification).toMatchObject({ template: notified.template, locale });
      const { subject, text, html, sms } = notification!.message;
      for (const part of [subject, text, html, sms]) {
        expect(part).not.toMatch(leftoverPlaceholder);
        expect(part).toContain('WEB-100234');
      }
      expect(text.startsWith(locale === 'de' ? 'Hallo Ada Lovelace,' : 'Hi Ada Lovelace,')).toBe(true);
      expect(html).toContain(`<html lang="${locale}">`);
      expect(sms.length).toBeLessThanOrEqual(320);
      if (notified.tracking) {
        const link = `https://track.example/parcels/${trackingNumber}`;
        expect(text).toContain(link);
        expect(sms).toContain(link);
        expect(html).toContain(`<a href="${link}">${link}</a>`);
      }
    });
  });

  it('names the total in the customer’s language and the currency’s own precision', () => {
    // Act
    const german = render(notifiedCases[0]!.event(snapshot({}, { locale: 'de-AT' })));
    const english = render(notifiedCases[0]!.event(snapshot({ grandTotal: { amount: 12500, currency: 'JPY' } }, { locale: 'en-GB' })));

    // Assess
    expect(german?.message.text).toContain('Bestellsumme: 62,41\u00a0€');
    expect(english?.message.text).toContain('Order total: ¥12,500');
    expect(formatMoney({ amount: 1234, currency: 'KWD' }, 'en')).toBe('KWD\u00a01.234');
  });

  it('greets a customer without a name neutrally', () => {
    // Act
    const notification = render(notifiedCases[0]!.event(snapshot({}, { name: undefined })));

    // Assess
    expect(notification?.message.text.startsWith('Hello,\n\n')).toBe(true);
  });

  it('leaves the tracking sentences out when there is no tracking page, and names the carrier when it is known', () => {
    // Prepare
    const shipped = notifiedCases.find((notified) => notified.template === 'shipment-shipped')!;

    // Act
    const withCarrierLink = render(shipped.event(snapshot()));
    const withoutLink = render(shipped.event(snapshot()), { channelLocales: {} });

    // Assess
    expect(withCarrierLink?.message.text).toContain('handed to OMS Parcel');
    expect(withCarrierLink?.message.text).toContain(`https://track.example/OMS%20Parcel/${trackingNumber}`);
    expect(withoutLink?.message.text).toContain(`Tracking number: ${trackingNumber}`);
    expect(withoutLink?.message.text).not.toContain('Track your parcel');
    expect(withoutLink?.message.sms).toBe('Your order WEB-100234 is on its way.');
  });

  it('escapes what the event says in the HTML part', () => {
    // Act
    const notification = render(notifiedCases[0]!.event(snapshot({ channelOrderRef: 'A<b>&"1' }, { name: '<script>' })));

    // Assess
    expect(notification?.message.html).toContain('Hi &lt;script&gt;,');
    expect(notification?.message.html).toContain('A&lt;b&gt;&amp;&quot;1');
    expect(notification?.message.html).not.toContain('<script>');
  });

  it('tells nothing about internal events and shipment statuses that are no news to the customer', () => {
    // Prepare
    const order = snapshot();
    const inTransit = domainEvent(ShipmentStatusChanged, { order, shipmentId, locationId: 'wh-leipzig', from: 'SHIPPED', to: 'IN_TRANSIT', trackingNumber });
    const allocated = domainEvent(OrderAllocated, { order, shipments: [], backorderedLines: [] });

    // Act
    const results = [render(inTransit), render(allocated)];

    // Assess
    expect(results).toEqual([undefined, undefined]);
  });
});

describe('locale', () => {
  it('is the customer’s language, else the channel’s, else English', () => {
    // Act + Assess
    expect(resolveLocale('de-AT', 'en')).toBe('de');
    expect(resolveLocale('fr-FR', 'de')).toBe('de');
    expect(resolveLocale(undefined, 'DE_de')).toBe('de');
    expect(resolveLocale('fr', undefined)).toBe('en');
    expect(resolveLocale()).toBe('en');
  });

  it('comes from the channel’s setting for a customer without one', () => {
    // Act
    const notification = renderCustomerNotification(notifiedCases[0]!.event(snapshot()).definition, notifiedCases[0]!.event(snapshot()).data, { channelLocales: { 'demo-web': 'de' } });

    // Assess
    expect(notification?.locale).toBe('de');
    expect(notification?.message.subject).toBe('Vielen Dank für Ihre Bestellung WEB-100234');
  });
});

describe('tracking link', () => {
  it('fills the template, URL-encoded, and is absent without a tracking number or with an unknown carrier', () => {
    // Act + Assess
    expect(trackingUrlOf(settings, 'A B', 'DHL')).toBe('https://track.example/DHL/A%20B');
    expect(trackingUrlOf(settings, undefined, 'DHL')).toBeUndefined();
    expect(trackingUrlOf(settings, 'X1')).toBeUndefined();
    expect(trackingUrlOf({ channelLocales: {} }, 'X1')).toBeUndefined();
  });
});

describe('customer notification rule', () => {
  const pattern = compileEventPattern(customerNotificationRule.eventPattern);
  const matches = (event: unknown) => pattern.matches(event);
  const asDelivered = (pending: PendingEvent) => {
    const outgoing = toOutgoingEvent(pending);
    return { version: '0', id: 'x', 'detail-type': outgoing.detailType, source: outgoing.source, account: '1', time: '2025-03-03T09:14:08Z', region: 'eu-central-1', resources: [], detail: JSON.parse(outgoing.detail) };
  };

  it.each(notifiedCases.map((notified) => [notified.name, notified] as const))('routes %s to the function', (_name, notified) => {
    // Act + Assess
    expect(matches(asDelivered(notified.event(snapshot())))).toBe(true);
  });

  it('does not invoke the function for an in-transit scan or an internal event', () => {
    // Prepare
    const order = snapshot();

    // Act + Assess
    expect(matches(asDelivered(domainEvent(ShipmentStatusChanged, { order, shipmentId, locationId: 'wh-leipzig', from: 'SHIPPED', to: 'IN_TRANSIT' })))).toBe(false);
    expect(matches(asDelivered(domainEvent(OrderAllocated, { order, shipments: [], backorderedLines: [] })))).toBe(false);
  });
});

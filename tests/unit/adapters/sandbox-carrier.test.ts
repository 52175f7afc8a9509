import { describe, expect, it } from 'vitest';
import {
  SandboxCarrier,
  distanceBandFor,
  isOmsParcelTrackingNumber,
  omsParcelPrices,
  omsParcelTrackingNumber,
} from '../../../shared/adapters/sandbox/sandbox-carrier';
import type { Address } from '../../../shared/contracts/order';
import { CarrierRejectedError, TransientCarrierError, type LabelRequest, type ShipmentToQuote } from '../../../shared/ports/carrier';

const berlin = { postalCode: '10117', country: 'DE', coordinates: { latitude: 52.52, longitude: 13.405 } };
const potsdam = { postalCode: '14467', country: 'DE', coordinates: { latitude: 52.3906, longitude: 13.0645 } };
const munich = { postalCode: '80331', country: 'DE', coordinates: { latitude: 48.1351, longitude: 11.582 } };
const madrid = { postalCode: '28013', country: 'ES', coordinates: { latitude: 40.4168, longitude: -3.7038 } };

function shipment(to: ShipmentToQuote['to'], overrides: Partial<ShipmentToQuote> = {}): ShipmentToQuote {
  return { from: berlin, to, parcels: [{ weightGrams: 800 }], shipDate: '2026-03-02', ...overrides };
}

const warehouse: Address = {
  name: 'OMS Warehouse Berlin',
  line1: 'Lagerstraße 1',
  city: 'Berlin',
  postalCode: '10117',
  country: 'DE',
  coordinates: { lat: 52.52, lon: 13.405 },
};
const customer: Address = {
  name: 'Ada Lovelace',
  line1: 'Marienplatz 1',
  city: 'München',
  postalCode: '80331',
  country: 'DE',
  coordinates: { lat: 48.1374, lon: 11.5755 },
};

function labelRequest(overrides: Partial<LabelRequest> = {}): LabelRequest {
  return { shipmentId: 'shp_01', service: 'STANDARD', from: warehouse, to: customer, parcels: [{ weightGrams: 800 }], ...overrides };
}

describe('SandboxCarrier.quote', () => {
  it('quotes ECONOMY, STANDARD and EXPRESS in EUR from the price table of the distance band', async () => {
    // Prepare
    const carrier = new SandboxCarrier();

    // Act
    const near = await carrier.quote(shipment(potsdam));
    const regional = await carrier.quote(shipment(munich));
    const far = await carrier.quote(shipment(madrid));

    // Assess
    expect(near.map((quote) => [quote.carrier, quote.service, quote.price])).toEqual([
      ['OMS Parcel', 'ECONOMY', { amount: 390, currency: 'EUR' }],
      ['OMS Parcel', 'STANDARD', { amount: 495, currency: 'EUR' }],
      ['OMS Parcel', 'EXPRESS', { amount: 1290, currency: 'EUR' }],
    ]);
    expect(regional.map((quote) => quote.price.amount)).toEqual([450, 595, 1490]);
    expect(far.map((quote) => quote.price.amount)).toEqual([890, 1190, 2490]);
  });

  it('takes 3–5 business days with ECONOMY by band, 2 with STANDARD and 1 with EXPRESS, one day more beyond 800 km', async () => {
    // Prepare
    const carrier = new SandboxCarrier();

    // Act
    const near = await carrier.quote(shipment(potsdam));
    const regional = await carrier.quote(shipment(munich));
    const far = await carrier.quote(shipment(madrid));

    // Assess
    expect(near.map((quote) => quote.transitBusinessDays)).toEqual([3, 2, 1]);
    expect(regional.map((quote) => quote.transitBusinessDays)).toEqual([4, 2, 1]);
    expect(far.map((quote) => quote.transitBusinessDays)).toEqual([5, 3, 2]);
  });

  it('prices every parcel by its weight column and adds them up', async () => {
    // Prepare
    const carrier = new SandboxCarrier();
    const parcels = [{ weightGrams: 1_000 }, { weightGrams: 1_001 }, { weightGrams: 31_500 }];

    // Act
    const [economy] = await carrier.quote(shipment(potsdam, { parcels }));

    // Assess
    expect(economy?.price).toEqual({ amount: 390 + 450 + 1390, currency: 'EUR' });
  });

  it('skips the weekend: handed over on a Friday, EXPRESS arrives Monday, STANDARD Tuesday, ECONOMY Wednesday', async () => {
    // Prepare
    const carrier = new SandboxCarrier();

    // Act
    const quotes = await carrier.quote(shipment(potsdam, { shipDate: '2026-03-06' }));

    // Assess
    expect(quotes.map((quote) => [quote.service, quote.estimatedDelivery])).toEqual([
      ['ECONOMY', '2026-03-11'],
      ['STANDARD', '2026-03-10'],
      ['EXPRESS', '2026-03-09'],
    ]);
  });

  it('picks up a parcel handed over on a Saturday on Monday, so EXPRESS arrives Tuesday', async () => {
    // Prepare
    const carrier = new SandboxCarrier();

    // Act
    const quotes = await carrier.quote(shipment(potsdam, { shipDate: '2026-03-07' }));

    // Assess
    expect(quotes.find((quote) => quote.service === 'EXPRESS')?.estimatedDelivery).toBe('2026-03-10');
  });

  it('skips the destination’s public holidays: EXPRESS from Thursday before Easter arrives the Tuesday after', async () => {
    // Prepare
    const carrier = new SandboxCarrier();

    // Act
    const quotes = await carrier.quote(shipment(potsdam, { shipDate: '2026-04-02' }));

    // Assess
    expect(quotes.find((quote) => quote.service === 'EXPRESS')?.estimatedDelivery).toBe('2026-04-07');
  });

  it('refuses a shipment without parcels, a parcel over 31.5 kg and a postal code it does not serve', async () => {
    // Prepare
    const carrier = new SandboxCarrier({ rejectPostalCodes: ['28 013'] });

    // Act
    const empty = carrier.quote(shipment(potsdam, { parcels: [] }));
    const heavy = carrier.quote(shipment(potsdam, { parcels: [{ weightGrams: 31_501 }] }));
    const unserved = carrier.quote(shipment(madrid));

    // Assess
    await expect(empty).rejects.toThrow(CarrierRejectedError);
    await expect(heavy).rejects.toThrow('takes at most 31500 g per parcel');
    await expect(unserved).rejects.toThrow('does not serve postal code ES 28013');
  });
});

describe('SandboxCarrier.createLabel', () => {
  it('books a label with a tracking number derived from the shipment id, the same on every call and every instance', async () => {
    // Prepare
    const carrier = new SandboxCarrier();

    // Act
    const first = await carrier.createLabel(labelRequest());
    const again = await carrier.createLabel(labelRequest());
    const elsewhere = await new SandboxCarrier().createLabel(labelRequest());
    const other = await carrier.createLabel(labelRequest({ shipmentId: 'shp_02' }));

    // Assess
    expect(first).toEqual({
      carrier: 'OMS Parcel',
      service: 'STANDARD',
      trackingNumber: omsParcelTrackingNumber('shp_01', 'outbound'),
      labelUrl: `https://sandbox-carrier.oms.invalid/labels/${omsParcelTrackingNumber('shp_01', 'outbound')}.pdf`,
      price: { amount: 595, currency: 'EUR' },
    });
    expect(again).toEqual(first);
    expect(elsewhere).toEqual(first);
    expect(other.trackingNumber).not.toBe(first.trackingNumber);
    expect(first.trackingNumber).toMatch(/^OMSP\d{11}$/);
    expect(isOmsParcelTrackingNumber(first.trackingNumber)).toBe(true);
  });

  it('answers the label already booked for a shipment id even when asked with another service', async () => {
    // Prepare
    const carrier = new SandboxCarrier();
    const booked = await carrier.createLabel(labelRequest());

    // Act
    const asked = await carrier.createLabel(labelRequest({ service: 'EXPRESS' }));

    // Assess
    expect(asked).toEqual(booked);
  });

  it('prices a label by the addresses’ coordinates, or their country’s centre when they have none', async () => {
    // Prepare
    const carrier = new SandboxCarrier();
    const nearby: Address = { ...customer, postalCode: '14467', city: 'Potsdam', coordinates: { lat: 52.3906, lon: 13.0645 } };
    const madridWithout: Address = { name: 'Grace Hopper', line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' };

    // Act
    const near = await carrier.createLabel(labelRequest({ shipmentId: 'shp_near', to: nearby }));
    const far = await carrier.createLabel(labelRequest({ shipmentId: 'shp_far', to: madridWithout }));

    // Assess
    expect(near.price).toEqual({ amount: omsParcelPrices.STANDARD.NEAR[0], currency: 'EUR' });
    expect(far.price).toEqual({ amount: omsParcelPrices.STANDARD.FAR[0], currency: 'EUR' });
  });

  it('fails the first failFirstLabelAttempts attempts per shipment with TransientCarrierError, then books', async () => {
    // Prepare
    const carrier = new SandboxCarrier({ failFirstLabelAttempts: 2 });

    // Act
    const first = carrier.createLabel(labelRequest());
    await expect(first).rejects.toThrow(TransientCarrierError);
    const second = carrier.createLabel(labelRequest());
    await expect(second).rejects.toMatchObject({ name: 'TransientCarrierError' });
    const third = await carrier.createLabel(labelRequest());
    const otherShipment = carrier.createLabel(labelRequest({ shipmentId: 'shp_02' }));

    // Assess
    expect(third.trackingNumber).toBe(omsParcelTrackingNumber('shp_01', 'outbound'));
    await expect(otherShipment).rejects.toThrow(TransientCarrierError);
  });

  it('rejects for good an address in rejectPostalCodes, however written, and a service it does not offer', async () => {
    // Prepare
    const carrier = new SandboxCarrier({ rejectPostalCodes: ['80331'], failFirstLabelAttempts: 5 });

    // Act
    const unserved = carrier.createLabel(labelRequest({ to: { ...customer, postalCode: ' 80 331' } }));
    const unknownService = carrier.createLabel(labelRequest({ shipmentId: 'shp_02', service: 'SAME_DAY', to: { ...customer, postalCode: '80333' } }));

    // Assess
    await expect(unserved).rejects.toThrow(CarrierRejectedError);
    await expect(unknownService).rejects.toThrow('has no service SAME_DAY');
  });
});

describe('SandboxCarrier.createReturnLabel', () => {
  it('books a return label apart from the outbound one, idempotent per shipment id', async () => {
    // Prepare
    const carrier = new SandboxCarrier();
    const outbound = await carrier.createLabel(labelRequest());
    const request = labelRequest({ service: 'ECONOMY', from: customer, to: warehouse });

    // Act
    const returned = await carrier.createReturnLabel(request);
    const again = await carrier.createReturnLabel(request);

    // Assess
    expect(returned.trackingNumber).toBe(omsParcelTrackingNumber('shp_01', 'return'));
    expect(returned.trackingNumber).toMatch(/^OMSR\d{11}$/);
    expect(returned.trackingNumber).not.toBe(outbound.trackingNumber);
    expect(returned.price).toEqual({ amount: omsParcelPrices.ECONOMY.REGIONAL[0], currency: 'EUR' });
    expect(again).toEqual(returned);
  });
});

describe('distanceBandFor and tracking numbers', () => {
  it('puts up to 300 km in NEAR, up to 800 km in REGIONAL and the rest in FAR, limits inclusive', () => {
    // Prepare
    const distances = [0, 300, 300.1, 800, 800.1, 5_000];

    // Act
    const bands = distances.map(distanceBandFor);

    // Assess
    expect(bands).toEqual(['NEAR', 'NEAR', 'REGIONAL', 'REGIONAL', 'FAR', 'FAR']);
  });

  it('catches a mistyped tracking number with the check digit', () => {
    // Prepare
    const trackingNumber = omsParcelTrackingNumber('shp_01', 'outbound');
    const lastDigit = Number(trackingNumber.at(-1));
    const mistyped = `${trackingNumber.slice(0, -1)}${(lastDigit + 1) % 10}`;

    // Act
    const valid = isOmsParcelTrackingNumber(trackingNumber);
    const invalid = isOmsParcelTrackingNumber(mistyped);

    // Assess
    expect(valid).toBe(true);
    expect(invalid).toBe(false);
  });
});

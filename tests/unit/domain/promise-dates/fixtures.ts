import type { Coordinates } from '../../../../shared/contracts/inventory';
import type { CarrierCalendar, Destination, PromiseLocation } from '../../../../shared/domain/promise-dates';
import { defaultCarrierCalendar } from '../../../../shared/domain/promise-dates';

/** A distribution centre in Hamburg: 15:00 cut-off, Monday to Friday, ships the release day. */
export const hamburgDc: PromiseLocation = {
  id: 'dc-hamburg',
  name: 'Hamburg DC',
  country: 'DE',
  coordinates: { lat: 53.5511, lon: 9.9937 },
  cutoff: { time: '15:00', timeZone: 'Europe/Berlin' },
  processingDays: 0,
  workingDays: [1, 2, 3, 4, 5],
};

/** A Berlin store open Monday to Saturday, about 255 km from Hamburg DC. */
export const berlinStore: PromiseLocation = {
  id: 'store-berlin',
  name: 'Berlin Mitte store',
  country: 'DE',
  coordinates: { lat: 52.52, lon: 13.405 },
  cutoff: { time: '17:00', timeZone: 'Europe/Berlin' },
  processingDays: 0,
  workingDays: [1, 2, 3, 4, 5, 6],
};

export const customerIn = (coordinates: Coordinates, country = 'DE'): Destination => ({ coordinates, country });

export const berlinCustomer = customerIn({ lat: 52.52, lon: 13.405 });
export const munichCustomer = customerIn({ lat: 48.1351, lon: 11.582 });
export const madridCustomer = customerIn({ lat: 40.4168, lon: -3.7038 }, 'ES');

/** A point due north of Hamburg DC, the given distance away along the meridian. */
export function customerNorthOfHamburg(kilometres: number): Destination {
  const degrees = (kilometres / 6371.0088) * (180 / Math.PI);
  return customerIn({ lat: hamburgDc.coordinates.lat + degrees, lon: hamburgDc.coordinates.lon });
}

export const saturdayDeliveryCarrier: CarrierCalendar = {
  ...defaultCarrierCalendar,
  name: 'Parcel carrier with Saturday delivery (DE)',
  deliveryDays: [1, 2, 3, 4, 5, 6],
};

export const at = (instant: string) => new Date(instant);

import type { Coordinates } from '../contracts/inventory';

/**
 * Rough centres (capitals) of the countries the demo network serves, used when an order's address
 * comes without coordinates. Distances then err by up to a few hundred kilometres, which only
 * affects the tie between equally good plans; channels that send coordinates get exact sourcing.
 */
const capitals: Readonly<Record<string, Coordinates>> = {
  AT: { lat: 48.2082, lon: 16.3738 },
  BE: { lat: 50.8503, lon: 4.3517 },
  CH: { lat: 46.948, lon: 7.4474 },
  CZ: { lat: 50.0755, lon: 14.4378 },
  DE: { lat: 52.52, lon: 13.405 },
  DK: { lat: 55.6761, lon: 12.5683 },
  ES: { lat: 40.4168, lon: -3.7038 },
  FR: { lat: 48.8566, lon: 2.3522 },
  GB: { lat: 51.5072, lon: -0.1276 },
  IT: { lat: 41.9028, lon: 12.4964 },
  LU: { lat: 49.6116, lon: 6.1319 },
  NL: { lat: 52.3676, lon: 4.9041 },
  PL: { lat: 52.2297, lon: 21.0122 },
  SE: { lat: 59.3293, lon: 18.0686 },
};

export const approximateCoordinatesOf = (country: string): Coordinates | undefined => capitals[country];

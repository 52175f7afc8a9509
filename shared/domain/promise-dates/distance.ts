import type { Coordinates } from '../../contracts/inventory';

/** Mean Earth radius (IUGG); the spherical model is off by well under 1 %, far less than a band. */
const earthRadiusKm = 6371.0088;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres (haversine): what the transit bands are keyed on. */
export function distanceKm(a: Coordinates, b: Coordinates): number {
  const latitudeChange = radians(b.lat - a.lat);
  const longitudeChange = radians(b.lon - a.lon);
  const haversine =
    Math.sin(latitudeChange / 2) ** 2 +
    Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(longitudeChange / 2) ** 2;
  // Rounding can push the haversine a hair above 1 for antipodal points; asin would then be NaN.
  return 2 * earthRadiusKm * Math.asin(Math.sqrt(Math.min(1, haversine)));
}

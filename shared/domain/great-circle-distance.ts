/** One distance for the whole domain: sourcing prices it, promise dates pick transit bands by it. */
import type { Coordinates } from '../contracts/inventory';

/** Mean Earth radius (IUGG). A sphere is within 0.5 % of the ellipsoid, far finer than shipping costs. */
const earthRadiusKm = 6371.0088;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in kilometres by the haversine formula, which stays accurate for short distances. */
export function greatCircleDistanceKm(from: Coordinates, to: Coordinates): number {
  const latitudeChange = radians(to.lat - from.lat);
  const longitudeChange = radians(to.lon - from.lon);
  const haversine =
    Math.sin(latitudeChange / 2) ** 2 +
    Math.cos(radians(from.lat)) * Math.cos(radians(to.lat)) * Math.sin(longitudeChange / 2) ** 2;
  // Rounding can lift the haversine a hair above 1 for antipodal points, where asin would return NaN.
  return 2 * earthRadiusKm * Math.asin(Math.sqrt(Math.min(1, haversine)));
}

import { describe, expect, it } from 'vitest';
import { greatCircleDistanceKm } from '../../../../shared/domain/sourcing';
import { places } from './fixtures';

describe('greatCircleDistanceKm', () => {
  it('measures Leipzig to Berlin Mitte as the 149 km a map shows', () => {
    // Prepare
    const from = places.leipzig;

    // Act
    const distance = greatCircleDistanceKm(from, places.berlinMitte);

    // Assess
    expect(distance).toBeCloseTo(149.1, 1);
  });

  it('is zero from a place to itself and the same in both directions', () => {
    // Prepare
    const [munich, hamburg] = [places.munich, places.hamburgHbf];

    // Act
    const there = greatCircleDistanceKm(munich, hamburg);
    const back = greatCircleDistanceKm(hamburg, munich);

    // Assess
    expect(greatCircleDistanceKm(munich, munich)).toBe(0);
    expect(there).toBe(back);
  });

  it('measures half the globe between antipodes without the rounding producing NaN', () => {
    // Prepare
    const west = { lat: 0, lon: 0 };

    // Act
    const distance = greatCircleDistanceKm(west, { lat: 0, lon: 180 });

    // Assess
    expect(distance).toBeCloseTo(Math.PI * 6371.0088, 6);
  });
});

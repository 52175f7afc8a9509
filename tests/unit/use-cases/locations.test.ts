import { describe, expect, it } from 'vitest';
import { CreateLocationRequestSchema, createLocationExample, type Location } from '../../../shared/contracts/inventory';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../../shared/domain/errors';
import { createLocation } from '../../../shared/use-cases/create-location';
import { getLocation } from '../../../shared/use-cases/get-location';
import { listLocations } from '../../../shared/use-cases/list-locations';
import { replaceLocation } from '../../../shared/use-cases/replace-location';
import { InMemoryInventoryRepository } from '../fakes/in-memory-inventory-repository';

const now = () => new Date('2025-03-02T08:00:00.000Z');
const request = CreateLocationRequestSchema.parse(createLocationExample);
const settingsOf = ({ id: _id, version: _version, updatedAt: _updatedAt, ...settings }: Location) => settings;

describe('createLocation', () => {
  it('adds the location at version 1', async () => {
    // Prepare
    const inventory = new InMemoryInventoryRepository();

    // Act
    const location = await createLocation(request, { locations: inventory, now });

    // Assess
    expect(location).toEqual({ ...request, version: 1, updatedAt: '2025-03-02T08:00:00.000Z' });
    expect(await inventory.getLocation(request.id)).toEqual(location);
  });

  it('refuses an id that is taken with LOCATION_EXISTS, leaving the existing location as it was', async () => {
    // Prepare
    const inventory = new InMemoryInventoryRepository();
    const existing = inventory.addLocation(request.id, { name: 'The first one', version: 7 });

    // Act
    const attempt = createLocation(request, { locations: inventory, now });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toMatchObject({ code: 'LOCATION_EXISTS', errors: [expect.objectContaining({ path: 'id' })] });
    expect(await inventory.getLocation(request.id)).toEqual(existing);
    expect(inventory.writes).toEqual([]);
  });
});

describe('replaceLocation', () => {
  it('replaces every setting at the If-Match version and moves to the next version', async () => {
    // Prepare
    const inventory = new InMemoryInventoryRepository();
    const current = inventory.addLocation('wh-1', { version: 3 });
    const settings = { ...settingsOf(current), name: 'Renamed', priority: 5 };

    // Act
    const replaced = await replaceLocation({ id: 'wh-1', settings, expectedVersion: 3 }, { locations: inventory, now });

    // Assess
    expect(replaced).toEqual({ ...settings, id: 'wh-1', version: 4, updatedAt: '2025-03-02T08:00:00.000Z' });
    expect(await inventory.getLocation('wh-1')).toEqual(replaced);
  });

  it('refuses a stale If-Match with 412 VERSION_MISMATCH, naming the current version, and writes nothing', async () => {
    // Prepare
    const inventory = new InMemoryInventoryRepository();
    const current = inventory.addLocation('wh-1', { version: 5 });

    // Act
    const attempt = replaceLocation({ id: 'wh-1', settings: { ...settingsOf(current), name: 'x' }, expectedVersion: 4 }, { locations: inventory, now });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(attempt).rejects.toMatchObject({ code: 'VERSION_MISMATCH', message: expect.stringContaining('version 5') });
    expect(inventory.writes).toEqual([]);
  });

  it('refuses with 412 when another change lands between its read and its write', async () => {
    // Prepare: the conditional write finds version 4 already taken by someone else
    const inventory = new InMemoryInventoryRepository();
    const current = inventory.addLocation('wh-1', { version: 3 });
    const racing = {
      getLocation: async (id: string) => {
        const location = await inventory.getLocation(id);
        inventory.addLocation('wh-1', { version: 4, name: 'Someone else' });
        return location;
      },
      replaceLocation: inventory.replaceLocation.bind(inventory),
    };

    // Act
    const attempt = replaceLocation({ id: 'wh-1', settings: settingsOf(current), expectedVersion: 3 }, { locations: racing, now });

    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'precondition-failed', code: 'VERSION_MISMATCH' });
    expect((await inventory.getLocation('wh-1'))?.name).toBe('Someone else');
  });

  it('answers an unknown location with LOCATION_NOT_FOUND', async () => {
    const inventory = new InMemoryInventoryRepository();
    const attempt = replaceLocation({ id: 'nowhere', settings: settingsOf(inventory.addLocation('wh-1')), expectedVersion: 1 }, { locations: inventory, now });
    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    await expect(attempt).rejects.toMatchObject({ code: 'LOCATION_NOT_FOUND' });
  });
});

describe('getLocation and listLocations', () => {
  it('lists every location ordered by id', async () => {
    const inventory = new InMemoryInventoryRepository();
    for (const id of ['store-b', 'wh-a', 'store-a']) inventory.addLocation(id);
    expect((await listLocations({ inventory })).items.map((location) => location.id)).toEqual(['store-a', 'store-b', 'wh-a']);
  });

  it('reads one location, and answers an unknown one with LOCATION_NOT_FOUND', async () => {
    const inventory = new InMemoryInventoryRepository();
    const location = inventory.addLocation('wh-1');
    expect(await getLocation({ id: 'wh-1' }, { inventory })).toEqual(location);
    await expect(getLocation({ id: 'wh-2' }, { inventory })).rejects.toMatchObject({ kind: 'not-found', code: 'LOCATION_NOT_FOUND' });
  });
});

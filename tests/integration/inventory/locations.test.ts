import { beforeAll, describe, expect, it } from 'vitest';
import { LocationListSchema, LocationSchema } from '../../../shared/contracts/inventory';
import { callWith, createLocation, expectProblem, issueInventoryKeys, locationBody, uniqueId } from './inventory-api';

let api: ReturnType<typeof callWith>;
let writer: string;

beforeAll(async () => {
  ({ writer } = await issueInventoryKeys());
  api = callWith(writer);
});

/** A location's settings as sent in a PUT: what GET answers, without what the OMS owns. */
const settingsOf = ({ id: _id, version: _version, updatedAt: _updatedAt, ...settings }: Record<string, unknown>) => settings;

describe('POST /locations', () => {
  it('creates a location at version 1 with its Location and ETag, defaults applied', async () => {
    // Prepare
    const id = uniqueId('wh-new');

    // Act
    const created = await api('POST', '/locations', { body: locationBody(id) });
    const read = await api('GET', created.headers.get('location') ?? '');

    // Assess
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/locations/${id}`);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(LocationSchema.safeParse(created.body).error).toBeUndefined();
    expect(created.body).toMatchObject({ ...locationBody(id), version: 1, workingDays: [1, 2, 3, 4, 5], priority: 100, active: true });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('refuses an id that exists with 409 LOCATION_EXISTS and leaves the location as it was', async () => {
    // Prepare
    const { id } = await createLocation(writer);
    const before = await api('GET', `/locations/${id}`);

    // Act
    const clash = await api('POST', '/locations', { body: locationBody(id, { name: 'Someone else' }) });
    const after = await api('GET', `/locations/${id}`);

    // Assess
    expectProblem(clash, 409, 'LOCATION_EXISTS');
    expect(clash.body.errors).toEqual([expect.objectContaining({ path: 'id', code: 'LOCATION_EXISTS' })]);
    expect(after.body).toEqual(before.body);
  });

  it.each([
    ['an invalid time zone', { cutoff: { time: '16:00', timeZone: 'Mars/Olympus' } }, 'cutoff.timeZone'],
    ['negative processing days', { processingDays: -1 }, 'processingDays'],
    ['an unknown field', { colour: 'blue' }, 'colour'],
    ['a server-owned field', { version: 9 }, 'version'],
  ])('refuses %s with 400 naming the field, and creates nothing', async (_case, change, path) => {
    // Prepare
    const id = uniqueId('wh-bad');

    // Act
    const answer = await api('POST', '/locations', { body: locationBody(id, change) });
    const lookup = await api('GET', `/locations/${id}`);

    // Assess
    expectProblem(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.errors).toContainEqual(expect.objectContaining({ path }));
    expectProblem(lookup, 404, 'LOCATION_NOT_FOUND');
  });
});

describe('GET /locations and /locations/{id}', () => {
  it('lists every location, the new ones included, ordered by id', async () => {
    // Prepare
    const [a, b] = [await createLocation(writer, uniqueId('list-b')), await createLocation(writer, uniqueId('list-a'))];

    // Act
    const answer = await api('GET', '/locations');

    // Assess
    expect(answer.status).toBe(200);
    expect(LocationListSchema.safeParse(answer.body).error).toBeUndefined();
    const ids: string[] = answer.body.items.map((location: { id: string }) => location.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(ids).toEqual([...ids].sort());
  });

  it('answers an unknown id with 404 LOCATION_NOT_FOUND', async () => {
    expectProblem(await api('GET', `/locations/${uniqueId('nowhere')}`), 404, 'LOCATION_NOT_FOUND');
  });
});

describe('PUT /locations/{id}', () => {
  it('replaces the settings when If-Match names the current version, and moves to the next', async () => {
    // Prepare
    const current = await createLocation(writer);
    const settings = { ...settingsOf(current), name: 'Renamed', priority: 7, active: false };

    // Act
    const replaced = await api('PUT', `/locations/${current.id}`, { body: settings, headers: { 'if-match': '"1"' } });
    const read = await api('GET', `/locations/${current.id}`);

    // Assess
    expect(replaced.status).toBe(200);
    expect(replaced.headers.get('etag')).toBe('"2"');
    expect(replaced.body).toMatchObject({ ...settings, id: current.id, version: 2 });
    expect(read.body).toEqual(replaced.body);
  });

  it('refuses a stale If-Match with 412 VERSION_MISMATCH and writes nothing', async () => {
    // Prepare: version 2 after one change
    const current = await createLocation(writer);
    await api('PUT', `/locations/${current.id}`, { body: { ...settingsOf(current), name: 'First change' }, headers: { 'if-match': '"1"' } });
    const before = await api('GET', `/locations/${current.id}`);

    // Act: a second writer still holding version 1
    const stale = await api('PUT', `/locations/${current.id}`, { body: { ...settingsOf(current), name: 'Lost update' }, headers: { 'if-match': '"1"' } });
    const after = await api('GET', `/locations/${current.id}`);

    // Assess
    expectProblem(stale, 412, 'VERSION_MISMATCH');
    expect(after.body).toEqual(before.body);
    expect(after.body.name).toBe('First change');
  });

  it('refuses a PUT without If-Match with 428 PRECONDITION_REQUIRED and writes nothing', async () => {
    // Prepare
    const current = await createLocation(writer);

    // Act
    const answer = await api('PUT', `/locations/${current.id}`, { body: { ...settingsOf(current), name: 'Blind write' } });
    const after = await api('GET', `/locations/${current.id}`);

    // Assess
    expectProblem(answer, 428, 'PRECONDITION_REQUIRED');
    expect(after.body).toEqual(current);
  });

  it.each([
    ['a malformed If-Match', { 'if-match': 'W/"1"' }, {}, 'if-match'],
    ['a body with the id in it', { 'if-match': '"1"' }, { id: 'other' }, 'id'],
    ['negative shipment cost', { 'if-match': '"1"' }, { shipmentCost: -5 }, 'shipmentCost'],
  ])('refuses %s with 400 and writes nothing', async (_case, headers, change, path) => {
    // Prepare
    const current = await createLocation(writer);

    // Act
    const answer = await api('PUT', `/locations/${current.id}`, { body: { ...settingsOf(current), ...change }, headers });
    const after = await api('GET', `/locations/${current.id}`);

    // Assess
    expectProblem(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.errors).toContainEqual(expect.objectContaining({ path }));
    expect(after.body).toEqual(current);
  });

  it('answers an unknown location with 404 LOCATION_NOT_FOUND and creates nothing', async () => {
    // Prepare
    const id = uniqueId('nowhere');

    // Act
    const answer = await api('PUT', `/locations/${id}`, { body: settingsOf(locationBody(id)), headers: { 'if-match': '"1"' } });

    // Assess
    expectProblem(answer, 404, 'LOCATION_NOT_FOUND');
    expectProblem(await api('GET', `/locations/${id}`), 404, 'LOCATION_NOT_FOUND');
  });
});

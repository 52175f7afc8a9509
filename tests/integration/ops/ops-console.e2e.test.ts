/**
 * The ops console end to end in a real browser (Debian's Chromium, driven by playwright-core): the
 * page the local runtime serves at /ops/, the real API behind it, orders the lifecycle runs by itself.
 * Without Chromium the file is skipped with how to install it (`apt-get install -y chromium`).
 * A failing test leaves a screenshot under test-results/ops-console/ (git-ignored) and prints its path.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { apiUrl, call } from '../api-client';
import { placeOrder, stockedSku, waitForOrder, waitForStatus } from '../lifecycle/lifecycle-api';

const chromiumPath = process.env.OMS_CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  console.warn(`Skipping the ops console browser tests: no Chromium at ${chromiumPath}. Install it with: apt-get install -y chromium (or set OMS_CHROMIUM_PATH).`);
}

const screenshotDirectory = resolve('test-results/ops-console');
const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const laptop = { width: 1366, height: 768 };
const tablet = { width: 768, height: 1024 };

/** A billing country other than the shipping country: the risk screen holds the order for review. */
const heldBillingAddress = { name: 'Ada', line1: '1 Rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' };

describe.skipIf(!hasChromium)('ops console in a browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Requests the page made to anything but the local runtime: there must be none (no CDN, no fonts). */
  let foreignRequests: string[];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath, args: launchArgs });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  const openPage = async (viewport: { width: number; height: number }) => {
    // The previous test's page stays open until here, for its failure screenshot.
    await context?.close();
    context = await browser.newContext({ viewport });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const origin = new URL(apiUrl()).origin;
    foreignRequests = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith('data:')) foreignRequests.push(url);
    });
    return page;
  };

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      if (!page || page.isClosed()) return;
      mkdirSync(screenshotDirectory, { recursive: true });
      const file = join(screenshotDirectory, `${task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
      try {
        await page.screenshot({ path: file, fullPage: true });
        console.error(`Ops console screenshot of the failure: ${file}`);
      } catch (error) {
        console.error(`No screenshot of the failure: ${(error as Error).message}`);
      }
    });
  });

  const signIn = async (apiKey: string) => {
    await page.goto(`${apiUrl()}/ops`);
    await page.getByLabel('Ops API key').fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Orders');
  };

  it('signs in with an ops key, finds an order placed by the test and sees its execution reach the end', async () => {
    // Prepare
    const sku = await stockedSku('console', { 'wh-leipzig': 5 });
    const placed = (await placeOrder({ lines: [{ sku, quantity: 1 }] })) as Awaited<ReturnType<typeof placeOrder>> & { customer: { id: string } };
    await openPage(laptop);

    // Act: sign in, filter the order list by the test's channel and customer, open the order
    await signIn(inject('demoApiKey'));
    await page.getByLabel('Channel', { exact: true }).fill('demo-web');
    await page.getByLabel('Customer id').fill(placed.customer.id);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('link', { name: placed.id }).click();

    // Assess: the graph reaches End (highlighted and said in words), the order's money and tracking are shown
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(`Order ${placed.id}`);
    const graph = page.locator('svg.state-graph[data-state-machine="order-lifecycle"]');
    await graph.waitFor();
    await expect.poll(() => graph.locator('[data-state="__end__"]').getAttribute('data-status'), { timeout: 45_000, interval: 500 }).toBe('succeeded');
    expect(await graph.locator('[data-state="__end__"]').textContent()).toContain('✓ reached');
    expect(await graph.locator('[data-state="CompleteOrder"]').getAttribute('data-status')).toBe('succeeded');
    expect(await graph.locator('[data-state="CompleteOrder"]').textContent()).toContain('✓ done');
    expect(await page.locator('[data-execution-status]').first().textContent()).toBe('SUCCEEDED');
    await expect.poll(() => page.locator('.heading-badge [data-status]').textContent(), { timeout: 15_000 }).toBe('COMPLETED');
    expect(await page.locator('[data-tracking-number]').count()).toBeGreaterThan(0);
    const order = (await call('GET', `/orders/${placed.id}`)).body;
    expect(await page.locator('.shipment-card').count()).toBe(order.shipments.length);
    expect(await page.locator('[data-tracking-number]').first().textContent()).toBe(order.shipments[0].trackingNumber);
    const captured = await page.locator('.fact', { hasText: 'Captured' }).locator('dd').textContent();
    expect(captured?.replace(/[^0-9]/g, '')).toBe(String(order.money.captured.amount));
    // The path taken is there as text too, and nothing came from outside the local runtime.
    expect(await page.locator('.path-row').count()).toBeGreaterThan(5);
    expect(foreignRequests).toEqual([]);
  }, 90_000);

  it('approves a held order from the hold queue (on a tablet), and the order leaves the queue and goes on', async (testContext) => {
    // Prepare: the hold queue endpoint (another part of the ops API) must be deployed for this test
    const queue = await call('GET', '/ops/hold-queue');
    if (queue.status === 404 && queue.body?.code === 'ROUTE_NOT_FOUND') {
      console.warn('Skipping the hold queue test: GET /ops/hold-queue is not served by this runtime yet.');
      testContext.skip();
    }
    const sku = await stockedSku('console-held', { 'wh-leipzig': 2 });
    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }], overrides: { billingAddress: heldBillingAddress } });
    await waitForStatus(placed.id, 'ON_HOLD');
    await openPage(tablet);
    await signIn(inject('demoApiKey'));

    // Act: open the hold queue, find the order (paging on if other tests left held orders), approve it
    await page.getByRole('link', { name: 'Hold queue' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Hold queue');
    const row = page.locator(`tr[data-order-id="${placed.id}"]`);
    await expect.poll(async () => {
      if ((await row.count()) > 0) return true;
      const more = page.getByRole('button', { name: 'Load more' });
      if ((await more.count()) > 0) await more.click();
      else await page.getByRole('button', { name: 'Reload' }).click();
      return false;
    }, { timeout: 20_000, interval: 500 }).toBe(true);
    await page.getByRole('button', { name: `Approve order ${placed.id}` }).click();

    // Assess: the page says so, the row is gone after the queue reloads, and the order went on to be allocated
    await expect.poll(() => page.locator('[data-notice="success"]').textContent(), { timeout: 20_000 }).toContain(`Order ${placed.id} approved`);
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    const order = await waitForOrder(placed.id, (current) => current.status !== 'ON_HOLD');
    expect(order.risk).toMatchObject({ decision: 'accept', reviewedBy: expect.any(String) });
    expect(foreignRequests).toEqual([]);
  }, 90_000);

  it('refuses a key without the ops scope at sign-in and says why', async () => {
    await openPage(laptop);
    await page.goto(`${apiUrl()}/ops`);

    await page.getByLabel('Ops API key').fill(inject('otherChannelApiKey'));
    await page.keyboard.press('Enter');

    await expect.poll(() => page.getByRole('alert').textContent()).toContain('no ops scope');
    expect(await page.getByLabel('Ops API key').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
  });

  it('keeps the console from a browser that has not signed in, lets it in after sign-in, and sends it back to sign-in when it signs out', async () => {
    // Prepare
    await openPage(laptop);

    // Act + Assess: before sign-in, the console's files are refused as CloudFront refuses them
    const refused = await page.goto(`${apiUrl()}/ops/console/`);
    expect(refused?.status()).toBe(403);
    expect(await page.textContent('body')).toContain('Sign in at /ops/');

    await signIn(inject('demoApiKey'));
    const cookies = await page.context().cookies();
    expect(cookies.map((cookie) => cookie.name).sort()).toEqual(['CloudFront-Key-Pair-Id', 'CloudFront-Policy', 'CloudFront-Signature']);
    expect(cookies.every((cookie) => cookie.httpOnly && cookie.path === '/ops/console/' && cookie.sameSite === 'Strict')).toBe(true);
    expect(page.url()).toBe(`${apiUrl()}/ops/console/#/orders`);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
    expect(new URL(page.url()).pathname).toBe('/ops/');
  });
});

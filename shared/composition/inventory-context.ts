/**
 * Composition root for the functions of the inventory API (locations, stock, adjustments, imports):
 * reads their configuration once at cold start and builds the production adapters. API keys are
 * read from the orders table (see channel-authentication).
 */
export { authenticateApiKey } from './channel-authentication';
export { inventory } from './inventory-store';

export const now = () => new Date();

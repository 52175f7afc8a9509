/**
 * The warehouse connection: where each location's system takes fulfilment messages, and the
 * secret they are signed with (Standard Webhooks, so a WMS verifies them with any of its libraries).
 *
 * On AWS it is one Secrets Manager secret holding this document as JSON (CDK creates it with a
 * generated secret and no endpoints, grants the forwarding function GetSecretValue and passes its
 * ARN); locally it comes from OMS_WMS_ENDPOINTS (JSON) and OMS_WMS_SIGNING_SECRET, which the local
 * runtime points at its sandbox warehouse.
 */
import * as z from 'zod';
import { signingKeyOf, signingSecretPrefix } from '../domain/webhooks/signing';

/** `*` serves every location without an endpoint of its own. */
export const anyLocation = '*';

const signingSecret = z
  .string()
  .min(24, 'at least 24 characters')
  // A generated placeholder (CDK) is plain text: it becomes a `whsec_` secret of its bytes, which is what the WMS is given.
  .transform((secret) => (secret.startsWith(signingSecretPrefix) ? secret : `${signingSecretPrefix}${Buffer.from(secret, 'utf8').toString('base64')}`))
  .refine((secret) => {
    try {
      signingKeyOf(secret);
      return true;
    } catch {
      return false;
    }
  }, 'a whsec_ secret: base64 of 24 to 64 bytes');

export const WarehouseConnectionSchema = z.object({
  endpoints: z
    .record(z.string().min(1), z.url({ protocol: /^https?$/ }))
    .default({})
    .describe('Location id (or * for every other location) → the URL that takes its fulfilment messages'),
  signingSecret,
});
export type WarehouseConnection = z.output<typeof WarehouseConnectionSchema>;

export const warehouseConnectionSettings = {
  secretArnEnvVar: 'WAREHOUSE_CONNECTION_SECRET_ARN',
  generatedKey: 'signingSecret',
  local: { endpoints: 'OMS_WMS_ENDPOINTS', signingSecret: 'OMS_WMS_SIGNING_SECRET' },
} as const;

/** The document as the local runtime's environment describes it. */
export function warehouseConnectionFromEnvironment(env: Readonly<Record<string, string | undefined>>): unknown {
  const endpoints = env[warehouseConnectionSettings.local.endpoints];
  let parsedEndpoints: unknown = {};
  if (endpoints) {
    try {
      parsedEndpoints = JSON.parse(endpoints);
    } catch {
      parsedEndpoints = `${warehouseConnectionSettings.local.endpoints} is not JSON`;
    }
  }
  return { endpoints: parsedEndpoints, signingSecret: env[warehouseConnectionSettings.local.signingSecret] };
}

export const endpointFor = (connection: WarehouseConnection, locationId: string): string | undefined =>
  connection.endpoints[locationId] ?? connection.endpoints[anyLocation];

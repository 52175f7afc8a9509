import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys are 192-bit random secrets, so a fast unsalted SHA-256 is enough to store them safely:
 * there is no dictionary to attack, and lookups stay a single GetItem.
 */
export const hashApiKey = (apiKey: string): string => createHash('sha256').update(apiKey, 'utf8').digest('hex');

export const generateApiKey = (): string => `oms_${randomBytes(24).toString('base64url')}`;

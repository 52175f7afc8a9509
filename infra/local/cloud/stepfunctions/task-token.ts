/**
 * Task tokens: opaque to callers, as on AWS, but they name their execution, so a token from an
 * execution that has ended (or from before a restart) is told apart from one that never existed.
 */
import { randomUUID } from 'node:crypto';

/** AWS's limit on taskToken in SendTask* requests. */
export const maximumTaskTokenLength = 1024;

export function createTaskToken(executionArn: string, stateName: string): string {
  return Buffer.from(JSON.stringify({ e: executionArn, s: stateName, n: randomUUID() })).toString('base64url');
}

export function readTaskToken(token: string): { executionArn: string; stateName: string } | undefined {
  if (!/^[\w-]+$/.test(token)) return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { e?: unknown; s?: unknown; n?: unknown };
    if (typeof decoded.e !== 'string' || typeof decoded.s !== 'string' || typeof decoded.n !== 'string') return undefined;
    return { executionArn: decoded.e, stateName: decoded.s };
  } catch {
    return undefined;
  }
}

/**
 * What CloudFront does for a behavior with a trusted key group, done locally for the ops console's
 * folder: the request must carry CloudFront-Policy, CloudFront-Signature and CloudFront-Key-Pair-Id
 * for a known key, the signature (RSA-SHA1 over the policy, CloudFront's base64) must verify, the
 * policy must not have expired, and its resource must match the requested URL.
 */
import { verify, type KeyObject } from 'node:crypto';

/** CloudFront's URL-safe base64: + = / become - _ ~. */
const fromCloudFrontBase64 = (value: string) => Buffer.from(value.replace(/-/g, '+').replace(/_/g, '=').replace(/~/g, '/'), 'base64');

const cookiesOf = (header: string | undefined): Map<string, string> =>
  new Map(
    (header ?? '')
      .split(/;\s*/)
      .filter((pair) => pair.includes('='))
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );

/** A policy resource: `*` matches any run of characters, `?` one. */
const resourcePattern = (resource: string) => new RegExp(`^${resource.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);

export type SignedCookieCheck = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

export function checkSignedCookies(
  cookieHeader: string | undefined,
  requestUrl: string,
  trusted: { readonly keyPairId: string; readonly publicKey: KeyObject },
  now: Date = new Date(),
): SignedCookieCheck {
  const cookies = cookiesOf(cookieHeader);
  const [policyValue, signature, keyPairId] = ['CloudFront-Policy', 'CloudFront-Signature', 'CloudFront-Key-Pair-Id'].map((name) => cookies.get(name));
  if (!policyValue || !signature || !keyPairId) return { allowed: false, reason: 'Missing Key-Pair-Id, Policy or Signature cookie' };
  if (keyPairId !== trusted.keyPairId) return { allowed: false, reason: 'Unknown Key' };
  const policy = fromCloudFrontBase64(policyValue);
  if (!verify('sha1', policy, trusted.publicKey, fromCloudFrontBase64(signature))) return { allowed: false, reason: 'Invalid signature' };
  let statement: { Resource?: unknown; Condition?: { DateLessThan?: { 'AWS:EpochTime'?: unknown } } } | undefined;
  try {
    statement = (JSON.parse(policy.toString('utf8')) as { Statement?: (typeof statement)[] }).Statement?.[0];
  } catch {
    return { allowed: false, reason: 'Malformed policy' };
  }
  const expires = statement?.Condition?.DateLessThan?.['AWS:EpochTime'];
  if (typeof expires !== 'number' || expires * 1000 <= now.getTime()) return { allowed: false, reason: 'Access denied: the session has expired' };
  if (typeof statement?.Resource !== 'string' || !resourcePattern(statement.Resource).test(requestUrl)) return { allowed: false, reason: 'Access denied: the policy does not cover this URL' };
  return { allowed: true };
}

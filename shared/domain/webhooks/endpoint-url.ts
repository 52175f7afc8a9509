/**
 * Which URLs a partner may subscribe, and which addresses a delivery may connect to.
 *
 * Webhook URLs are chosen by API callers and called from inside the OMS, the classic server-side
 * request forgery set-up (Standard Webhooks, "SSRF"). So: HTTPS only, no credentials in the URL, and
 * never an address that is not public (loopback, private ranges, link-local such as the 169.254.169.254
 * metadata service, carrier-grade NAT, ...). The address is checked again when a delivery connects,
 * on the addresses the name resolves to then, so a name that later points inward is refused too.
 *
 * Local testing is the one exception, and only where the runtime allows it (`allowLocalhost`, set
 * by the local runtime and never on AWS, where localhost is the Lambda runtime API): plain HTTP to
 * localhost, 127.0.0.1 or [::1], so a receiver on the developer's machine can be subscribed.
 */
import { BlockList, isIP } from 'node:net';
import { BusinessRuleViolation } from '../errors';

export const maxWebhookUrlLength = 2048;

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Every range that is not the public internet (IANA special-purpose registries), loopback included. */
const notPublic = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  notPublic.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  notPublic.addSubnet(network, prefix, 'ipv6');
}

const ipv4Mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** Whether a delivery may connect to `address` (an IP): public ones always, loopback only where allowed. */
export function isAllowedEndpointAddress(address: string, { allowLocalhost }: { allowLocalhost: boolean }): boolean {
  const mapped = ipv4Mapped.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = isIP(ip);
  if (family === 0) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (allowLocalhost && loopback.check(ip, type)) return true;
  return !notPublic.check(ip, type);
}

const localHostnames = new Set(['localhost', '127.0.0.1', '[::1]']);

const refused = (message: string) =>
  new BusinessRuleViolation('WEBHOOK_URL_NOT_ALLOWED', message, [{ path: 'url', code: 'WEBHOOK_URL_NOT_ALLOWED', message }]);

/** The URL as it will be called, or WEBHOOK_URL_NOT_ALLOWED saying why not. */
export function checkWebhookUrl(url: string, { allowLocalhost }: { allowLocalhost: boolean }): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refused('Not an absolute URL');
  }
  if (url.length > maxWebhookUrlLength) throw refused(`At most ${maxWebhookUrlLength} characters`);
  if (parsed.username || parsed.password) throw refused('Credentials in the URL are not sent; authenticate deliveries by their signature');
  if (parsed.hash) throw refused('A fragment is never sent to the server');
  const local = localHostnames.has(parsed.hostname);
  if (local) {
    if (!allowLocalhost) throw refused('Localhost is only allowed on the local runtime');
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw refused('Only http or https');
    return parsed.href;
  }
  if (parsed.protocol !== 'https:') {
    throw refused(allowLocalhost ? 'Only https (or http to localhost, 127.0.0.1 or [::1] for local testing)' : 'Only https');
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 && !isAllowedEndpointAddress(host, { allowLocalhost: false })) throw refused('The address is not a public one');
  if (!host.includes('.') || host.endsWith('.local') || host.endsWith('.internal')) throw refused('The host is not a public name');
  return parsed.href;
}

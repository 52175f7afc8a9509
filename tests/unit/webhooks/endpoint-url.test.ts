import { describe, expect, it } from 'vitest';
import { BusinessRuleViolation } from '../../../shared/domain/errors';
import { checkWebhookUrl, isAllowedEndpointAddress } from '../../../shared/domain/webhooks/endpoint-url';

const onAws = { allowLocalhost: false };
const locally = { allowLocalhost: true };

const refusal = (url: string, settings = onAws) => {
  try {
    checkWebhookUrl(url, settings);
  } catch (error) {
    if (error instanceof BusinessRuleViolation) return error.code;
    throw error;
  }
  return 'accepted';
};

describe('webhook URLs', () => {
  it('accepts public https URLs as they are', () => {
    expect(checkWebhookUrl('https://erp.example.com/oms/webhooks?tenant=7', onAws)).toBe('https://erp.example.com/oms/webhooks?tenant=7');
    expect(checkWebhookUrl('https://93.184.216.34:8443/hook', onAws)).toBe('https://93.184.216.34:8443/hook');
  });

  it.each([
    ['http://erp.example.com/hook', 'plain http'],
    ['ftp://erp.example.com/hook', 'another scheme'],
    ['https://user:pass@erp.example.com/hook', 'credentials in the URL'],
    ['https://erp.example.com/hook#part', 'a fragment'],
    ['https://10.0.0.5/hook', 'a private address'],
    ['https://169.254.169.254/latest/meta-data', 'the metadata service'],
    ['https://[fd00::1]/hook', 'an IPv6 unique local address'],
    ['https://[::ffff:127.0.0.1]/hook', 'loopback mapped into IPv6'],
    ['https://intranet/hook', 'a name without a domain'],
    ['https://printer.local/hook', 'an mDNS name'],
    ['http://localhost:8080/hook', 'localhost, outside the local runtime'],
    ['not a url', 'no URL at all'],
  ])('refuses %s (%s)', (url) => {
    expect(refusal(url)).toBe('WEBHOOK_URL_NOT_ALLOWED');
  });

  it('accepts http to localhost, 127.0.0.1 and [::1] on the local runtime only', () => {
    expect(refusal('http://localhost:8080/hook', locally)).toBe('accepted');
    expect(refusal('http://127.0.0.1:8080/hook', locally)).toBe('accepted');
    expect(refusal('http://[::1]:8080/hook', locally)).toBe('accepted');
    expect(refusal('http://10.0.0.5/hook', locally)).toBe('WEBHOOK_URL_NOT_ALLOWED');
    expect(refusal('http://erp.example.com/hook', locally)).toBe('WEBHOOK_URL_NOT_ALLOWED');
  });

  it('lets deliveries connect to public addresses only, and to loopback where localhost is allowed', () => {
    expect(isAllowedEndpointAddress('93.184.216.34', onAws)).toBe(true);
    expect(isAllowedEndpointAddress('2606:2800:220:1:248:1893:25c8:1946', onAws)).toBe(true);
    for (const address of ['127.0.0.1', '10.1.2.3', '172.31.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', '::ffff:10.0.0.1', 'not-an-ip']) {
      expect(isAllowedEndpointAddress(address, onAws), address).toBe(false);
    }
    expect(isAllowedEndpointAddress('127.0.0.1', locally)).toBe(true);
    expect(isAllowedEndpointAddress('::1', locally)).toBe(true);
    expect(isAllowedEndpointAddress('10.1.2.3', locally)).toBe(false);
  });
});

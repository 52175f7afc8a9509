import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  generateSigningSecret,
  InvalidSigningSecretError,
  signedWebhookHeaders,
  signingKeyOf,
  signWebhook,
  webhookMessageId,
} from '../../../shared/domain/webhooks/signing';

/**
 * The signing test vector of the Standard Webhooks reference library: standard-webhooks/standard-webhooks,
 * libraries/javascript/src/webhook.test.ts ("sign function works"), commit b2fa7b8719fb75d326b591077f5d1b385cfcdfae
 * (Apache-2.0 specification, MIT library). Copied here so the test does not depend on files outside the repository.
 */
const standardWebhooksVector = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  messageId: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
} as const;

const body = JSON.stringify({ id: 'ord_01:OrderPlaced', type: 'OrderPlaced', timestamp: '2026-03-01T12:00:00.000Z', data: { amount: 1999, name: 'Zoë' } });

describe('Standard Webhooks signing', () => {
  it('reproduces the specification’s reference test vector', () => {
    // Act
    const signature = signWebhook({
      secret: standardWebhooksVector.secret,
      messageId: standardWebhooksVector.messageId,
      timestamp: standardWebhooksVector.timestamp,
      body: standardWebhooksVector.payload,
    });

    // Assess
    expect(signature).toBe(standardWebhooksVector.signature);
  });

  it('signs so that the standardwebhooks reference library verifies the delivery', () => {
    // Prepare
    const secret = generateSigningSecret();
    const headers = signedWebhookHeaders({ messageId: 'ord_01:OrderPlaced', sentAt: new Date(), body, secrets: [secret] });

    // Act
    const verified = new Webhook(secret).verify(body, { ...headers });

    // Assess
    expect(verified).toEqual(JSON.parse(body));
    expect(headers['webhook-id']).toBe('ord_01:OrderPlaced');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it('signs with both secrets during a rotation, and each one verifies on its own', () => {
    // Prepare
    const [previous, current] = [generateSigningSecret(), generateSigningSecret()];
    const headers = signedWebhookHeaders({ messageId: 'ord_02:OrderShipped', sentAt: new Date(), body, secrets: [current, previous] });

    // Act
    const signatures = headers['webhook-signature'].split(' ');

    // Assess
    expect(signatures).toHaveLength(2);
    expect(new Webhook(current).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(generateSigningSecret()).verify(body, { ...headers })).toThrow('No matching signature found');
  });

  it('fails verification when a byte of the body or the timestamp changes', () => {
    // Prepare
    const secret = generateSigningSecret();
    const headers = signedWebhookHeaders({ messageId: 'ord_03:OrderPlaced', sentAt: new Date(), body, secrets: [secret] });

    // Act + Assess
    expect(() => new Webhook(secret).verify(body.replace('1999', '1998'), { ...headers })).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) - 1) })).toThrow();
  });

  it('generates whsec_ secrets of 32 random bytes, in the format the reference library reads', () => {
    // Act
    const secrets = [generateSigningSecret(), generateSigningSecret()];

    // Assess
    expect(secrets[0]).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(signingKeyOf(secrets[0] as string)).toHaveLength(32);
    expect(secrets[0]).not.toBe(secrets[1]);
  });

  it('refuses secrets that are not whsec_ and the base64 of 24 to 64 bytes', () => {
    expect(() => signingKeyOf('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toThrow(InvalidSigningSecretError);
    expect(() => signingKeyOf('whsec_c2hvcnQ=')).toThrow(InvalidSigningSecretError);
    expect(() => signingKeyOf('whsec_not base64 at all!!!!!!!!!!!!!!!!!')).toThrow(InvalidSigningSecretError);
    expect(() => signedWebhookHeaders({ messageId: 'x', sentAt: new Date(), body, secrets: [] })).toThrow(InvalidSigningSecretError);
  });

  it('uses the event id as webhook-id, and a stable digest for ids with a dot or other characters', () => {
    expect(webhookMessageId('ord_01HX:ShipmentShipped:ord_01HX-S1')).toBe('ord_01HX:ShipmentShipped:ord_01HX-S1');
    expect(webhookMessageId('ord_01:carrier:scan.42')).toMatch(/^msg_[A-Za-z0-9_-]{43}$/);
    expect(webhookMessageId('ord_01:carrier:scan.42')).toBe(webhookMessageId('ord_01:carrier:scan.42'));
    expect(webhookMessageId('a b')).not.toBe(webhookMessageId('a.b'));
  });
});

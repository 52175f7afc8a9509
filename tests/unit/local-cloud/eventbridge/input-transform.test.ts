import { describe, expect, it } from 'vitest';
import { parseJsonPath, readJsonPath, renderInputTemplate, validateInputPathsMap } from '../../../../infra/local/cloud/eventbridge/input-transform';
import { orderPlacedEnvelope } from '../../../fixtures/eventbridge/order-events';

const reserved = { ruleArn: 'arn:aws:events:eu-central-1:000000000000:rule/oms-events/r', ruleName: 'r', ingestionTime: '2026-03-02T18:43:49.123Z' };

describe('JSON paths of InputPath and InputPathsMap', () => {
  it('reads dotted keys with dashes, array indices, quoted bracket keys and the root', () => {
    // Prepare
    const event = orderPlacedEnvelope();

    // Act
    const values = ['$', '$.detail-type', '$.detail.lineItems[0].sku', "$['detail']['total'].currency", '$.detail.lineItems[7].sku', '$.detail.nothing.here'].map((path) =>
      readJsonPath(event, path),
    );

    // Assess
    expect(values).toEqual([event, 'Order Placed', 'SKU-RED', 'EUR', undefined, undefined]);
  });

  it('collects every match of a wildcard into an array', () => {
    // Prepare
    const event = orderPlacedEnvelope();

    // Act
    const skus = readJsonPath(event, '$.detail.lineItems[*].sku');
    const viaDot = readJsonPath(event, '$.detail.lineItems.*.quantity');

    // Assess
    expect(skus).toEqual(['SKU-RED', 'SKU-BLUE']);
    expect(viaDot).toEqual([1, 2]);
  });

  it.each(['detail.status', '$.detail[status]', '$..status', '$.detail.'])('refuses the unsupported path %s', (path) => {
    // Prepare
    const parse = () => parseJsonPath(path);

    // Act
    let error: unknown;
    try {
      parse();
    } catch (thrown) {
      error = thrown;
    }

    // Assess
    expect(error).toMatchObject({ name: 'ValidationException' });
  });

  it('refuses InputPathsMap keys EventBridge reserves or does not allow', () => {
    // Prepare
    const maps: Record<string, string>[] = [{ 'AWS.thing': '$.id' }, { 'aws.events.rule-name': '$.id' }, { 'order id': '$.id' }];

    // Act
    const attempts = maps.map((map) => () => validateInputPathsMap(map));

    // Assess
    for (const attempt of attempts) expect(attempt).toThrow('is not allowed');
    expect(() => validateInputPathsMap({ 'order-id_1': '$.detail.orderId' })).not.toThrow();
  });
});

describe('input templates', () => {
  it('inserts strings as they are in a template that is not JSON', () => {
    // Prepare
    const template = '<orderId> is in state <status>';

    // Act
    const text = renderInputTemplate(template, { orderId: '$.detail.orderId', status: '$.detail.status' }, orderPlacedEnvelope(), reserved);

    // Assess
    expect(text).toBe('820982911946154508 is in state PLACED');
  });

  it('keeps escaped quotes inside JSON strings and leaves text in angle brackets that names no variable', () => {
    // Prepare
    const template = '{"html": "<b>order</b> \\"<orderId>\\"", "id": <orderId>, "when": "<aws.events.event.ingestion-time>"}';

    // Act
    const text = renderInputTemplate(template, { orderId: '$.detail.orderId' }, orderPlacedEnvelope(), reserved);

    // Assess
    expect(JSON.parse(text)).toEqual({ html: '<b>order</b> "820982911946154508"', id: '820982911946154508', when: '2026-03-02T18:43:49.123Z' });
  });

  it('inserts numbers, booleans and objects as JSON wherever they appear in a JSON template', () => {
    // Prepare
    const template = '{"line": <line>, "label": "qty <quantity>", "items": [<quantity>, <first>]}';
    const paths = { line: '$.detail.lineItems[0]', quantity: '$.detail.lineItems[1].quantity', first: '$.detail.lineItems[0].sku' };

    // Act
    const text = renderInputTemplate(template, paths, orderPlacedEnvelope(), reserved);

    // Assess
    expect(JSON.parse(text)).toEqual({ line: { sku: 'SKU-RED', quantity: 1, price: '20.89' }, label: 'qty 2', items: [2, 'SKU-RED'] });
  });
});

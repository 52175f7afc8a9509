import { describe, expect, it } from 'vitest';
import { parseJsonLosslessly } from '../../../shared/channels/lossless-json';

describe('parseJsonLosslessly', () => {
  it('keeps integers above 2^53 as their exact digits, which JSON.parse rounds', () => {
    const text = '{"id": 820982911946154508, "line": {"id": 13110000000000000001}}';

    const parsed = parseJsonLosslessly(text);

    expect(parsed).toEqual({ id: '820982911946154508', line: { id: '13110000000000000001' } });
    expect((JSON.parse(text) as { id: number }).id).toBe(820982911946154500);
  });

  it('keeps decimals as their exact source text and safe integers as numbers', () => {
    const parsed = parseJsonLosslessly('{"price": 19.99, "quantity": 2, "lat": -0.10, "big": 1e2, "negative": -7, "text": "19.99"}');

    expect(parsed).toEqual({ price: '19.99', quantity: 2, lat: '-0.10', big: '1e2', negative: -7, text: '19.99' });
  });

  it('throws SyntaxError on malformed JSON, like JSON.parse', () => {
    expect(() => parseJsonLosslessly('{"id": 1,}')).toThrow(SyntaxError);
  });
});

import { describe, expect, it } from 'vitest';
import {
  compileEventPattern,
  InvalidEventPatternError,
  matchesEventPattern,
  validateEventPattern,
} from '../../../../infra/local/cloud/eventbridge/event-pattern';
import { envelope, invalidPatternCases, matchCases } from './event-pattern-conformance';

describe('EventBridge event pattern matching (conformance table)', () => {
  it('covers at least 60 documented behaviours', () => {
    // Prepare
    const names = matchCases.map((testCase) => testCase.name);

    // Act
    const distinct = new Set(names);

    // Assess
    expect(matchCases.length).toBeGreaterThanOrEqual(60);
    expect(distinct.size).toBe(names.length);
  });

  it.each(matchCases)('$name → $matches', ({ pattern, event, matches }) => {
    // Prepare
    const compiled = compileEventPattern(pattern);

    // Act
    const result = compiled.matches(event);

    // Assess
    expect(result).toBe(matches);
    expect(matchesEventPattern(pattern, event)).toBe(matches);
  });
});

describe('EventBridge event pattern validation', () => {
  it.each(invalidPatternCases)('rejects $name', ({ pattern, reason }) => {
    // Prepare
    const attempt = () => validateEventPattern(pattern);

    // Act
    let thrown: unknown;
    try {
      attempt();
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(thrown).toBeInstanceOf(InvalidEventPatternError);
    expect((thrown as Error).name).toBe('InvalidEventPatternException');
    expect((thrown as Error).message).toContain(reason);
  });

  it('names where in the pattern the problem is', () => {
    // Prepare
    const pattern = { source: ['oms.orders'], detail: { lineItems: { quantity: [{ numeric: ['>', 'one'] }] } } };

    // Act
    const attempt = () => validateEventPattern(pattern);

    // Assess
    expect(attempt).toThrow('at detail.lineItems.quantity');
  });

  it('accepts every pattern of the conformance table', () => {
    // Prepare
    const patterns = matchCases.map((testCase) => testCase.pattern);

    // Act
    const validate = () => patterns.forEach((pattern) => validateEventPattern(pattern));

    // Assess
    expect(validate).not.toThrow();
  });
});

describe('EventBridge event pattern matching at the JSON boundary', () => {
  it('treats 300, 300.0 and 3.0e2 in JSON text as the same number', () => {
    // Prepare
    const pattern = JSON.parse('{"detail": {"priority": [300.0], "weight": [{"numeric": ["=", 3.0e2]}]}}') as unknown;
    const event = JSON.parse(JSON.stringify(envelope({})).replace('"detail":{}', '"detail":{"priority":3.0e2,"weight":300}')) as unknown;

    // Act
    const result = matchesEventPattern(pattern, event);

    // Assess
    expect(result).toBe(true);
  });

  it('matches a field literally named like an object prototype key only when the event has it', () => {
    // Prepare
    const pattern = JSON.parse('{"detail": {"constructor": [{"exists": true}]}}') as unknown;

    // Act
    const withoutField = matchesEventPattern(pattern, envelope({}));
    const withField = matchesEventPattern(pattern, envelope({ constructor: 'x' }));

    // Assess
    expect(withoutField).toBe(false);
    expect(withField).toBe(true);
  });
});

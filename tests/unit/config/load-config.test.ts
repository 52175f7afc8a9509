import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig, tableNameSetting } from '../../../shared/config/load-config';

const shape = { ORDERS_TABLE_NAME: tableNameSetting, IDEMPOTENCY_TABLE_NAME: tableNameSetting };

function captureConfigError(attempt: () => unknown): ConfigError {
  try {
    attempt();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('loadConfig', () => {
  it('returns the validated settings', () => {
    // Act
    const config = loadConfig(shape, { ORDERS_TABLE_NAME: 'oms-orders', IDEMPOTENCY_TABLE_NAME: 'oms-idempotency', OTHER: 'x' });

    // Assess
    expect(config).toEqual({ ORDERS_TABLE_NAME: 'oms-orders', IDEMPOTENCY_TABLE_NAME: 'oms-idempotency' });
  });

  it.each([
    ['missing', {}],
    ['empty', { ORDERS_TABLE_NAME: '' }],
    ['too short for a DynamoDB table name', { ORDERS_TABLE_NAME: 'ab' }],
  ])('fails fast with a ConfigError naming a %s table name variable', (_case, env) => {
    // Act
    const error = captureConfigError(() => loadConfig({ ORDERS_TABLE_NAME: tableNameSetting }, env));

    // Assess
    expect(error.name).toBe('ConfigError');
    expect(error.message).toMatch(/^Invalid configuration: ORDERS_TABLE_NAME: /);
  });

  it('names every invalid variable at once', () => {
    // Act
    const error = captureConfigError(() => loadConfig(shape, { ORDERS_TABLE_NAME: '' }));

    // Assess
    expect(error.message).toContain('ORDERS_TABLE_NAME: must name a DynamoDB table');
    expect(error.message).toContain('IDEMPOTENCY_TABLE_NAME: ');
  });

  it('reads process.env when no environment is passed', () => {
    // Prepare
    vi.stubEnv('ORDERS_TABLE_NAME', 'oms-orders-from-env');

    // Act
    const config = loadConfig({ ORDERS_TABLE_NAME: tableNameSetting });

    // Assess
    expect(config).toEqual({ ORDERS_TABLE_NAME: 'oms-orders-from-env' });
  });
});

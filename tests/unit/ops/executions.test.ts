import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidRequestError, NotFoundError } from '../../../shared/domain/errors';
import type { StoppedExecution } from '../../../shared/ports/execution-operations';
import { listStoppedExecutions, redriveExecution } from '../../../shared/use-cases/ops/executions';
import { FakeExecutionOperations } from './ops-fakes';

const arn = (machine: string, name: string) => `arn:aws:states:eu-central-1:000000000000:execution:${machine}:${name}`;

const failedLifecycle = (name: string, day: number): StoppedExecution => ({
  executionName: name,
  executionArn: arn('order-lifecycle', name),
  workflow: 'lifecycle',
  status: 'FAILED',
  orderId: name,
  startDate: `2025-03-0${day}T10:00:00.000Z`,
  stopDate: `2025-03-0${day}T10:05:00.000Z`,
  error: 'OrderFailed',
  cause: 'A step failed for good; the order was compensated and ends FAILED (see its status history).',
  failedState: 'OrderFailed',
  redriveCount: 0,
});

function world() {
  const executions = new FakeExecutionOperations();
  executions.executions.push(
    failedLifecycle('ord_1', 1),
    failedLifecycle('ord_2', 2),
    failedLifecycle('ord_3', 3),
    { executionName: 'ret_1', executionArn: arn('order-return', 'ret_1'), workflow: 'return', status: 'TIMED_OUT', startDate: '2025-03-04T10:00:00.000Z', redriveCount: 1 },
  );
  return { executions, deps: { executions } };
}

describe('listStoppedExecutions', () => {
  it('lists a workflow’s executions in a status, newest first, with the error, cause, failed state and order', async () => {
    const { deps } = world();

    const { items } = await listStoppedExecutions({ status: 'FAILED', stateMachine: 'lifecycle', limit: 1 }, deps);

    expect(items).toEqual([
      {
        executionName: 'ord_3',
        executionArn: arn('order-lifecycle', 'ord_3'),
        stateMachine: 'lifecycle',
        orderId: 'ord_3',
        status: 'FAILED',
        startDate: '2025-03-03T10:00:00.000Z',
        stopDate: '2025-03-03T10:05:00.000Z',
        error: 'OrderFailed',
        cause: expect.stringContaining('compensated'),
        failedState: 'OrderFailed',
        redriveCount: 0,
      },
    ]);
  });

  it('answers what an execution does not say with null, so every item has the same fields', async () => {
    const { deps } = world();

    const { items } = await listStoppedExecutions({ status: 'TIMED_OUT', stateMachine: 'return', limit: 20 }, deps);

    expect(items).toEqual([expect.objectContaining({ executionName: 'ret_1', orderId: null, stopDate: null, error: null, cause: null, failedState: null, redriveCount: 1 })]);
  });

  it('pages with the engine’s token, and refuses a cursor of another query', async () => {
    // Prepare
    const { deps } = world();
    const first = await listStoppedExecutions({ status: 'FAILED', stateMachine: 'lifecycle', limit: 2 }, deps);

    // Act
    const second = await listStoppedExecutions({ status: 'FAILED', stateMachine: 'lifecycle', limit: 2, cursor: first.nextCursor }, deps);
    const foreign = listStoppedExecutions({ status: 'ABORTED', stateMachine: 'lifecycle', limit: 2, cursor: first.nextCursor }, deps);

    // Assess
    expect([...first.items, ...second.items].map((item) => item.executionName)).toEqual(['ord_3', 'ord_2', 'ord_1']);
    expect(second.nextCursor).toBeUndefined();
    await expect(foreign).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(foreign).rejects.toMatchObject({ code: 'INVALID_CURSOR' });
  });
});

describe('redriveExecution', () => {
  it('redrives the named workflow’s execution', async () => {
    const { deps, executions } = world();

    const redriven = await redriveExecution({ executionName: 'ord_2', stateMachine: 'lifecycle' }, deps);

    expect(redriven).toEqual({ executionName: 'ord_2', executionArn: arn('order-lifecycle', 'ord_2'), stateMachine: 'lifecycle', redriveDate: '2025-03-05T12:00:00.000Z' });
    expect(executions.redriven).toEqual([{ workflow: 'lifecycle', executionName: 'ord_2' }]);
  });

  it('finds a return’s execution when no workflow is named', async () => {
    const { deps } = world();

    const redriven = await redriveExecution({ executionName: 'ret_1' }, deps);

    expect(redriven.stateMachine).toBe('return');
  });

  it('answers an unknown execution NotFound and one the engine will not redrive Conflict, with their codes', async () => {
    const { deps, executions } = world();
    executions.notRedrivable.set('ord_1', 'Execution is RUNNING');

    await expect(redriveExecution({ executionName: 'ord_404' }, deps)).rejects.toEqual(expect.objectContaining({ code: 'EXECUTION_NOT_FOUND' }));
    await expect(redriveExecution({ executionName: 'ord_404' }, deps)).rejects.toBeInstanceOf(NotFoundError);
    await expect(redriveExecution({ executionName: 'ord_1' }, deps)).rejects.toBeInstanceOf(ConflictError);
    await expect(redriveExecution({ executionName: 'ord_1' }, deps)).rejects.toMatchObject({ code: 'EXECUTION_NOT_REDRIVABLE', message: expect.stringContaining('RUNNING') });
  });
});

/**
 * The ops console's state graph (web/ops-console/src/asl-graph.ts): the ASL read as nodes, clusters
 * and transitions, and an execution's path laid over it (current, done, caught, failed; edges taken).
 */
import { describe, expect, it } from 'vitest';
import orderLifecycleDefinition from '../../../statemachines/order-lifecycle.asl.json' with { type: 'json' };
import orderReturnDefinition from '../../../statemachines/order-return.asl.json' with { type: 'json' };
import { endNodeId, graphFromAsl, overlayExecution, startNodeId, type PathStep, type StateGraph } from '../../../web/ops-console/src/asl-graph';

const edgesBetween = (graph: StateGraph, from: string, to: string) => graph.edges.filter((edge) => edge.from === from && edge.to === to);
const takenPairs = (graph: StateGraph, taken: ReadonlySet<string>) =>
  graph.edges.filter((edge) => taken.has(edge.id)).map((edge) => `${edge.from}->${edge.to}${edge.kind === 'catch' ? ' (catch)' : ''}`);

let minute = 0;
const step = (state: string, status: PathStep['status'] = 'succeeded', error?: string): PathStep => ({
  state,
  enteredAt: new Date(Date.UTC(2025, 2, 1, 10, minute++)).toISOString(),
  ...(status !== 'running' && { exitedAt: new Date(Date.UTC(2025, 2, 1, 10, minute)).toISOString() }),
  status,
  ...(error && { error }),
});

describe('graphFromAsl', () => {
  const graph = graphFromAsl(orderLifecycleDefinition);

  it('has a node per state, nested ones included, plus Start and End', () => {
    const states = [...Object.keys(orderLifecycleDefinition.States), ...Object.keys(orderLifecycleDefinition.States.FulfilShipments.ItemProcessor.States), ...Object.keys(orderLifecycleDefinition.States.AwaitDeliveries.ItemProcessor.States)];

    expect(graph.nodes.map((node) => node.id).sort()).toEqual([startNodeId, endNodeId, ...states].sort());
    expect(graph.nodes.find((node) => node.id === 'FulfilShipments')?.kind).toBe('Map');
    expect(graph.nodes.find((node) => node.id === 'RequestFulfilment')?.cluster).toBe('cluster:FulfilShipments');
    expect(graph.clusters).toEqual([
      expect.objectContaining({ id: 'cluster:FulfilShipments', owner: 'FulfilShipments', label: 'each item' }),
      expect.objectContaining({ id: 'cluster:AwaitDeliveries', owner: 'AwaitDeliveries', label: 'each item' }),
    ]);
  });

  it('draws every transition: Next, Choice rules with their value, Default, Catch, a Map into its iteration and out of it, and the ends', () => {
    expect(edgesBetween(graph, startNodeId, 'Intake')).toEqual([expect.objectContaining({ kind: 'start' })]);
    expect(edgesBetween(graph, 'IntakeOutcome', 'AwaitRiskReview')).toEqual([expect.objectContaining({ kind: 'choice', label: '= held' })]);
    expect(edgesBetween(graph, 'IntakeOutcome', 'OrderClosed')).toEqual([expect.objectContaining({ kind: 'choice', label: '= rejected | cancelled | declined' })]);
    expect(edgesBetween(graph, 'IntakeOutcome', 'UnexpectedIntakeOutcome')).toEqual([expect.objectContaining({ kind: 'default' })]);
    expect(edgesBetween(graph, 'Intake', 'CancelOrder')).toEqual([expect.objectContaining({ kind: 'catch', label: 'catch OrderCancelled' })]);
    expect(edgesBetween(graph, 'Intake', 'FailOrder')).toEqual([expect.objectContaining({ kind: 'catch', label: 'catch all' })]);
    expect(edgesBetween(graph, 'FulfilShipments', 'RequestFulfilment')).toEqual([expect.objectContaining({ kind: 'iteration' })]);
    // An iteration's last states continue to the Map's Next; the Map itself only leaves through its catches.
    for (const last of ['ShipShipment', 'GiveUpFulfilment', 'ShipmentCancelled']) expect(edgesBetween(graph, last, 'SourceRemainingLines')).toHaveLength(1);
    expect(edgesBetween(graph, 'FulfilShipments', 'SourceRemainingLines')).toEqual([]);
    expect(edgesBetween(graph, 'CompleteOrder', endNodeId)).toEqual([expect.objectContaining({ kind: 'end' })]);
    expect(edgesBetween(graph, 'OrderClosed', endNodeId)).toHaveLength(1);
    // A Fail state is an end of its own, not the successful End.
    expect(edgesBetween(graph, 'OrderFailed', endNodeId)).toEqual([]);
  });

  it('reads the return machine too, and an empty definition as just Start and End', () => {
    const returns = graphFromAsl(orderReturnDefinition);
    expect(edgesBetween(returns, startNodeId, 'ChooseReturnMethod')).toHaveLength(1);
    expect(edgesBetween(returns, 'CompleteReturn', endNodeId)).toHaveLength(1);
    expect(graphFromAsl({}).nodes.map((node) => node.id)).toEqual([startNodeId, endNodeId]);
  });
});

describe('overlayExecution', () => {
  const graph = graphFromAsl(orderLifecycleDefinition);

  it('highlights where a running execution is and the way it came, through a Map iteration', () => {
    const path = [step('Intake'), step('IntakeOutcome'), step('FulfilShipments', 'running'), step('RequestFulfilment', 'running')];

    const overlay = overlayExecution(graph, { status: 'RUNNING', currentStates: ['FulfilShipments', 'RequestFulfilment'], path });

    expect(overlay.nodes.get('RequestFulfilment')).toMatchObject({ state: 'current', visits: 1 });
    expect(overlay.nodes.get('Intake')).toMatchObject({ state: 'succeeded' });
    expect(overlay.nodes.get('ShipShipment')).toMatchObject({ state: 'not-visited', visits: 0 });
    expect(overlay.nodes.get(startNodeId)?.state).toBe('succeeded');
    expect(overlay.nodes.get(endNodeId)?.state).toBe('not-visited');
    expect(takenPairs(graph, overlay.takenEdges).sort()).toEqual(
      [`${startNodeId}->Intake`, 'Intake->IntakeOutcome', 'IntakeOutcome->FulfilShipments', 'FulfilShipments->RequestFulfilment'].sort(),
    );
  });

  it('reaches End on success, taking the iteration’s exits and the last state’s end edge', () => {
    const path = ['Intake', 'IntakeOutcome', 'FulfilShipments', 'RequestFulfilment', 'ShipShipment', 'SourceRemainingLines', 'RemainingLinesOutcome', 'AwaitDeliveries', 'AwaitDelivery', 'CompleteOrder'].map((state) => step(state));

    const overlay = overlayExecution(graph, { status: 'SUCCEEDED', currentStates: [], path });

    expect(overlay.nodes.get(endNodeId)).toMatchObject({ state: 'succeeded', visits: 1 });
    const taken = takenPairs(graph, overlay.takenEdges);
    expect(taken).toEqual(expect.arrayContaining(['RequestFulfilment->ShipShipment', 'ShipShipment->SourceRemainingLines', 'AwaitDelivery->CompleteOrder', `CompleteOrder->${endNodeId}`]));
    expect(taken).not.toContain('GiveUpFulfilment->SourceRemainingLines');
    expect(taken.some((pair) => pair.endsWith('(catch)'))).toBe(false);
  });

  it('takes the catch edge (not a normal one) out of a state whose error was caught, and marks failed states', () => {
    const path = [step('Intake'), step('IntakeOutcome'), step('AwaitRiskReview', 'caught', 'OrderCancelled'), step('CancelOrder'), step('OrderClosed')];

    const overlay = overlayExecution(graph, { status: 'SUCCEEDED', currentStates: [], path });

    expect(overlay.nodes.get('AwaitRiskReview')).toMatchObject({ state: 'caught', lastError: 'OrderCancelled' });
    expect(takenPairs(graph, overlay.takenEdges)).toEqual(expect.arrayContaining(['AwaitRiskReview->CancelOrder (catch)', 'CancelOrder->OrderClosed', `OrderClosed->${endNodeId}`]));

    const failed = overlayExecution(graph, { status: 'FAILED', currentStates: [], path: [step('Intake', 'caught', 'States.TaskFailed'), step('FailOrder'), step('OrderFailed', 'failed', 'OrderFailed')] });
    expect(failed.nodes.get('OrderFailed')).toMatchObject({ state: 'failed' });
    expect(failed.nodes.get(endNodeId)?.state).toBe('not-visited');
  });

  it('counts visits of a state entered more than once (a loop back through ResumeAllocation)', () => {
    const path = [step('Intake'), step('IntakeOutcome'), step('AwaitRestock'), step('ResumeAllocation'), step('Intake', 'running')];

    const overlay = overlayExecution(graph, { status: 'RUNNING', currentStates: ['Intake'], path });

    expect(overlay.nodes.get('Intake')).toMatchObject({ state: 'current', visits: 2 });
    expect(takenPairs(graph, overlay.takenEdges)).toContain('ResumeAllocation->Intake');
  });
});

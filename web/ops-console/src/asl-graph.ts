/**
 * An Amazon States Language definition as a graph (states, transitions, Map and Parallel bodies as
 * clusters), and what an execution's path says about each node and edge. Pure: no DOM, no layout;
 * graph-view.ts lays it out with dagre and draws it, and the unit tests read it directly.
 */

export const startNodeId = '__start__';
export const endNodeId = '__end__';

export type NodeKind = 'Task' | 'Choice' | 'Pass' | 'Wait' | 'Succeed' | 'Fail' | 'Map' | 'Parallel' | 'Start' | 'End';

export interface GraphNode {
  readonly id: string;
  readonly kind: NodeKind;
  /** The cluster (Map iteration or Parallel branch) the state belongs to; absent at the top level. */
  readonly cluster?: string;
  readonly comment?: string;
}

export interface GraphCluster {
  readonly id: string;
  readonly label: string;
  /** The Map or Parallel state whose body this is. */
  readonly owner: string;
  readonly parent?: string;
}

export type EdgeKind = 'start' | 'next' | 'choice' | 'default' | 'catch' | 'iteration' | 'end';

export interface GraphEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label?: string;
}

export interface StateGraph {
  readonly nodes: readonly GraphNode[];
  readonly clusters: readonly GraphCluster[];
  readonly edges: readonly GraphEdge[];
}

interface AslState {
  readonly Type?: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Default?: string;
  readonly Comment?: string;
  readonly Choices?: readonly (Record<string, unknown> & { Next?: string })[];
  readonly Catch?: readonly { ErrorEquals?: readonly string[]; Next?: string }[];
  readonly Iterator?: AslStates;
  readonly ItemProcessor?: AslStates;
  readonly Branches?: readonly AslStates[];
}

interface AslStates {
  readonly StartAt?: string;
  readonly States?: Readonly<Record<string, AslState>>;
}

const knownKinds: readonly NodeKind[] = ['Task', 'Choice', 'Pass', 'Wait', 'Succeed', 'Fail', 'Map', 'Parallel'];

/** A short label for a Choice rule: `= held`, `> 10`, or `rule n` when it is not a simple comparison. */
function choiceLabel(rule: Record<string, unknown>, index: number): string {
  const operators: Record<string, string> = {
    StringEquals: '=',
    NumericEquals: '=',
    BooleanEquals: '=',
    NumericGreaterThan: '>',
    NumericGreaterThanEquals: '≥',
    NumericLessThan: '<',
    NumericLessThanEquals: '≤',
    IsPresent: 'present:',
  };
  for (const [key, symbol] of Object.entries(operators)) if (key in rule) return `${symbol} ${String(rule[key])}`;
  const nested = (rule.Or ?? rule.And) as Record<string, unknown>[] | undefined;
  if (Array.isArray(nested)) {
    const labels = nested.map((inner, innerIndex) => choiceLabel(inner, innerIndex));
    if (labels.every((label) => label.startsWith('= '))) return `= ${labels.map((label) => label.slice(2)).join(' | ')}`;
  }
  return `rule ${index + 1}`;
}

const catchLabel = (errors: readonly string[] | undefined) => {
  if (!errors?.length) return 'catch';
  if (errors.includes('States.ALL')) return 'catch all';
  return `catch ${errors.join(', ')}`;
};

/** The graph of a definition: every state (nested ones too), Start and End, and every transition. */
export function graphFromAsl(definition: unknown): StateGraph {
  const nodes: GraphNode[] = [{ id: startNodeId, kind: 'Start' }];
  const clusters: GraphCluster[] = [];
  const edges: GraphEdge[] = [];
  const edge = (from: string, to: string, kind: EdgeKind, label?: string) =>
    edges.push({ id: `${from}->${to}#${edges.length}`, from, to, kind, ...(label !== undefined && { label }) });

  /**
   * Adds a body's states; answers the states where the body ends (End: true, or Succeed), whose
   * owner (a Map or Parallel) continues from them, or the End node at the top level.
   */
  const addBody = (body: AslStates, cluster: GraphCluster | undefined): string[] => {
    const terminals: string[] = [];
    for (const [name, state] of Object.entries(body.States ?? {})) {
      const kind = knownKinds.includes(state.Type as NodeKind) ? (state.Type as NodeKind) : 'Task';
      nodes.push({ id: name, kind, ...(cluster && { cluster: cluster.id }), ...(state.Comment && { comment: state.Comment }) });
      const bodies = kind === 'Map' ? [state.ItemProcessor ?? state.Iterator].filter((inner): inner is AslStates => inner !== undefined) : kind === 'Parallel' ? [...(state.Branches ?? [])] : [];
      const innerTerminals: string[] = [];
      bodies.forEach((inner, index) => {
        const innerCluster: GraphCluster = {
          id: `cluster:${name}${bodies.length > 1 ? `:${index + 1}` : ''}`,
          label: kind === 'Map' ? 'each item' : `branch ${index + 1}`,
          owner: name,
          ...(cluster && { parent: cluster.id }),
        };
        clusters.push(innerCluster);
        if (inner.StartAt) edge(name, inner.StartAt, 'iteration');
        innerTerminals.push(...addBody(inner, innerCluster));
      });
      // A Map or Parallel continues from where its iterations or branches end; other states from themselves.
      const exits = bodies.length > 0 && innerTerminals.length > 0 ? innerTerminals : [name];
      if (state.Next) for (const from of exits) edge(from, state.Next, 'next');
      if (state.End) terminals.push(...exits);
      if (kind === 'Succeed') terminals.push(name);
      state.Choices?.forEach((rule, index) => {
        if (rule.Next) edge(name, rule.Next, 'choice', choiceLabel(rule, index));
      });
      if (state.Default) edge(name, state.Default, 'default', 'default');
      for (const handler of state.Catch ?? []) if (handler.Next) edge(name, handler.Next, 'catch', catchLabel(handler.ErrorEquals));
    }
    return terminals;
  };

  const root = (definition ?? {}) as AslStates;
  const topTerminals = addBody(root, undefined);
  nodes.push({ id: endNodeId, kind: 'End' });
  if (root.StartAt) edge(startNodeId, root.StartAt, 'start');
  for (const terminal of topTerminals) edge(terminal, endNodeId, 'end');
  return { nodes, clusters, edges };
}

// ---- What an execution says about the graph --------------------------------------------------

export type StepStatus = 'succeeded' | 'failed' | 'caught' | 'running';

export interface PathStep {
  readonly state: string;
  readonly enteredAt: string;
  readonly exitedAt?: string;
  readonly status: StepStatus;
  readonly error?: string;
}

export interface ExecutionView {
  readonly status: string;
  readonly currentStates: readonly string[];
  readonly path: readonly PathStep[];
}

/** A node's state in an execution: where it is now, how it was left, or never reached. */
export type NodeState = 'current' | 'succeeded' | 'caught' | 'failed' | 'not-visited';

export interface NodeOverlay {
  readonly state: NodeState;
  readonly visits: number;
  readonly lastError?: string;
}

export interface ExecutionOverlay {
  readonly nodes: ReadonlyMap<string, NodeOverlay>;
  /** Ids of the edges the execution took. */
  readonly takenEdges: ReadonlySet<string>;
}

/** Where the execution is now and where it has been, per node and edge of the graph. */
export function overlayExecution(graph: StateGraph, execution: ExecutionView): ExecutionOverlay {
  const current = new Set(execution.currentStates);
  const nodes = new Map<string, NodeOverlay>();
  for (const node of graph.nodes) {
    const steps = execution.path.filter((step) => step.state === node.id);
    const last = steps.at(-1);
    let state: NodeState = 'not-visited';
    if (current.has(node.id)) state = 'current';
    else if (last) state = last.status === 'running' ? 'current' : last.status;
    const lastError = [...steps].reverse().find((step) => step.error !== undefined)?.error;
    nodes.set(node.id, { state, visits: steps.length, ...(lastError !== undefined && { lastError }) });
  }
  const started = execution.path.length > 0 || execution.status !== 'NOT_STARTED';
  nodes.set(startNodeId, { state: started ? 'succeeded' : 'not-visited', visits: started ? 1 : 0 });
  const ended = execution.status === 'SUCCEEDED';
  nodes.set(endNodeId, { state: ended ? 'succeeded' : 'not-visited', visits: ended ? 1 : 0 });

  // Transitions: each step follows the step before it in the same scope (top level, or one Map iteration /
  // Parallel branch body); the first step of a body follows its owner.
  const clusterOf = new Map(graph.nodes.map((node) => [node.id, node.cluster]));
  const ownerOf = new Map(graph.clusters.map((cluster) => [cluster.id, cluster.owner]));
  // Transitions out of a state left normally, and out of a state whose error was caught.
  const transitions = new Set<string>();
  const viaCatch = new Set<string>();
  const lastInScope = new Map<string | undefined, PathStep>();
  const visited = new Set(execution.path.map((step) => step.state));
  for (const step of execution.path) {
    const scope = clusterOf.get(step.state);
    const previous = lastInScope.get(scope);
    if (previous) {
      (previous.status === 'caught' ? viaCatch : transitions).add(`${previous.state}->${step.state}`);
    } else if (scope !== undefined) {
      const owner = ownerOf.get(scope);
      if (owner) transitions.add(`${owner}->${step.state}`);
    } else {
      transitions.add(`${startNodeId}->${step.state}`);
    }
    lastInScope.set(scope, step);
  }
  const takenEdges = new Set<string>();
  for (const candidate of graph.edges) {
    const key = `${candidate.from}->${candidate.to}`;
    if (candidate.kind === 'end') {
      if (ended && visited.has(candidate.from)) takenEdges.add(candidate.id);
      continue;
    }
    // A body's last state continues to the owner's next state: taken when both were reached.
    const fromScope = clusterOf.get(candidate.from);
    const crossesOut = fromScope !== undefined && clusterOf.get(candidate.to) !== fromScope && candidate.kind === 'next';
    if (crossesOut) {
      if (visited.has(candidate.from) && visited.has(candidate.to)) takenEdges.add(candidate.id);
      continue;
    }
    // Between the same two states, a caught error took the catch edge and a normal exit the others.
    if ((candidate.kind === 'catch' ? viaCatch : transitions).has(key)) takenEdges.add(candidate.id);
  }
  return { nodes, takenEdges };
}

/** One line per node state, for the text alternative and the legend: the words, not only the colour. */
export const nodeStateText: Readonly<Record<NodeState, string>> = {
  current: 'current',
  succeeded: 'done',
  caught: 'error caught',
  failed: 'failed',
  'not-visited': 'not reached',
};

/** The symbol drawn in each node next to its state text. */
export const nodeStateSymbol: Readonly<Record<NodeState, string>> = {
  current: '▶',
  succeeded: '✓',
  caught: '⚠',
  failed: '✗',
  'not-visited': '○',
};

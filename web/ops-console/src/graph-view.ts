/**
 * An execution drawn on its state machine's graph: dagre lays out the graph of the ASL (asl-graph.ts)
 * once, this draws it as SVG, and `update` marks the path taken and the current states on every poll
 * without redrawing (the scroll position and focus stay). Every state's status is written in the node
 * (symbol and words) and in a table, not told by colour alone.
 */
import dagre from '@dagrejs/dagre';
import { endNodeId, graphFromAsl, nodeStateSymbol, nodeStateText, overlayExecution, startNodeId, type ExecutionView, type GraphNode, type NodeState, type StateGraph } from './asl-graph';
import { h, replaceChildren, s, uniqueId } from './dom';
import { formatInstant } from './format';

interface Point {
  readonly x: number;
  readonly y: number;
}

const nameFont = 7.2; // px per character of a 12 px bold state name (system sans-serif), generously
const detailFont = 6.2; // px per character of the 11 px detail line
const nodeHeight = 46;
const clusterLabelBand = 16;

function nodeSize(node: GraphNode): { width: number; height: number } {
  if (node.kind === 'Start' || node.kind === 'End') return { width: 96, height: 40 };
  // Room for the longest detail line: "Task · ▶ current ×12".
  return { width: Math.ceil(Math.max(node.id.length * nameFont, 21 * detailFont) + 20), height: nodeHeight };
}

/** A smooth path through dagre's edge points. */
function pathThrough(points: readonly Point[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  if (rest.length === 0) return `M${first.x},${first.y}`;
  let d = `M${first.x},${first.y}`;
  for (let index = 0; index < rest.length - 1; index++) {
    const control = rest[index] as Point;
    const next = rest[index + 1] as Point;
    d += ` Q${control.x},${control.y} ${(control.x + next.x) / 2},${(control.y + next.y) / 2}`;
  }
  const last = rest.at(-1) as Point;
  return `${d} L${last.x},${last.y}`;
}

const kindLabel = (node: GraphNode) => (node.kind === 'Start' || node.kind === 'End' ? '' : node.kind);

export class ExecutionGraph {
  readonly element: HTMLElement;
  private readonly graph: StateGraph;
  private readonly svg: SVGSVGElement;
  private readonly description: SVGDescElement;
  private readonly scroller: HTMLElement;
  private readonly nodeElements = new Map<string, { group: SVGGElement; detail: SVGTextElement; title: SVGTitleElement; node: GraphNode }>();
  private readonly edgeElements = new Map<string, SVGGElement>();
  private readonly statusLine: HTMLElement;
  private readonly pathTable: HTMLTableSectionElement;
  private readonly pathSummary: HTMLElement;
  private readonly positions = new Map<string, Point>();
  private readonly width: number;
  private lastFocus = '';

  constructor(definition: unknown, { stateMachine, heading, headingLevel = 3 }: { stateMachine: string; heading?: string; headingLevel?: 3 | 4 }) {
    this.graph = graphFromAsl(definition);
    const layout = new dagre.graphlib.Graph({ compound: true, multigraph: true });
    layout.setGraph({ rankdir: 'TB', nodesep: 14, ranksep: 36, edgesep: 6, marginx: 12, marginy: 12 + clusterLabelBand });
    layout.setDefaultEdgeLabel(() => ({}));
    for (const cluster of this.graph.clusters) {
      layout.setNode(cluster.id, { label: cluster.label, paddingTop: 24 });
      if (cluster.parent) layout.setParent(cluster.id, cluster.parent);
    }
    // A Map is drawn inside the box of its iterations, at its head, so the two stay together.
    const ownedCluster = new Map(this.graph.clusters.filter((cluster) => cluster.label === 'each item').map((cluster) => [cluster.owner, cluster.id]));
    for (const node of this.graph.nodes) {
      layout.setNode(node.id, nodeSize(node));
      const parent = ownedCluster.get(node.id) ?? node.cluster;
      if (parent) layout.setParent(node.id, parent);
    }
    for (const edge of this.graph.edges) {
      // Catch edges lead to the shared error states from everywhere: they may bend, the main flow stays straight.
      const labelled = edge.label !== undefined && edge.kind !== 'catch';
      layout.setEdge(edge.from, edge.to, { weight: edge.kind === 'catch' ? 1 : 6, ...(labelled && { width: (edge.label?.length ?? 0) * detailFont + 8, height: 16, labelpos: 'c' }) }, edge.id);
    }
    dagre.layout(layout);
    const size = layout.graph() as { width?: number; height?: number };
    this.width = Math.ceil(size.width ?? 400);
    const height = Math.ceil(size.height ?? 300);

    const titleId = uniqueId('graph-title');
    const descId = uniqueId('graph-desc');
    this.description = s('desc', { id: descId });
    const arrow = (id: string, className: string) =>
      s('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse', class: className }, s('path', { d: 'M0,0 L10,5 L0,10 z' }));
    const arrowId = uniqueId('arrow');
    const takenArrowId = uniqueId('arrow-taken');

    const clusters = this.graph.clusters.map((cluster) => {
      const box = layout.node(cluster.id) as { x: number; y: number; width: number; height: number };
      return s(
        'g',
        { class: 'graph-cluster' },
        // dagre leaves no room for a cluster's label: the box grows upwards by a band that holds it.
        s('rect', { x: box.x - box.width / 2, y: box.y - box.height / 2 - clusterLabelBand, width: box.width, height: box.height + clusterLabelBand, rx: 10 }),
        s('text', { x: box.x - box.width / 2 + 10, y: box.y - box.height / 2 - clusterLabelBand + 14, class: 'graph-cluster-label' }, cluster.label),
      );
    });

    const edges = this.graph.edges.map((edge) => {
      const laidOut = layout.edge(edge.from, edge.to, edge.id) as { points?: Point[]; x?: number; y?: number };
      const group = s(
        'g',
        { class: `graph-edge graph-edge--${edge.kind}`, 'data-from': edge.from, 'data-to': edge.to },
        s('title', {}, `${edge.from === startNodeId ? 'Start' : edge.from} → ${edge.to === endNodeId ? 'End' : edge.to}${edge.label ? ` (${edge.label})` : ''}`),
        s('path', { d: pathThrough(laidOut.points ?? []), 'marker-end': `url(#${arrowId})`, 'data-arrow': arrowId, 'data-arrow-taken': takenArrowId }),
        edge.label !== undefined && edge.kind !== 'catch' && laidOut.x !== undefined && laidOut.y !== undefined
          ? s('text', { x: laidOut.x, y: laidOut.y + 4, class: 'graph-edge-label', 'text-anchor': 'middle' }, edge.label)
          : null,
      );
      this.edgeElements.set(edge.id, group);
      return group;
    });

    const nodes = this.graph.nodes.map((node) => {
      const { x, y } = layout.node(node.id) as { x: number; y: number };
      const { width, height } = nodeSize(node);
      this.positions.set(node.id, { x, y });
      const terminal = node.kind === 'Start' || node.kind === 'End';
      const name = node.id === startNodeId ? 'Start' : node.id === endNodeId ? 'End' : node.id;
      const title = s('title', {}, name);
      const detail = s('text', { x: width / 2, y: terminal ? 31 : 36, class: 'graph-node-detail', 'text-anchor': 'middle' }, kindLabel(node));
      const group = s(
        'g',
        { class: `graph-node graph-node--${node.kind.toLowerCase()} state-not-visited`, transform: `translate(${x - width / 2},${y - height / 2})`, 'data-state': node.id },
        title,
        s('rect', { width, height, rx: terminal ? height / 2 : 6, class: 'graph-node-shape' }),
        s('text', { x: width / 2, y: terminal ? 17 : 19, class: 'graph-node-name', 'text-anchor': 'middle' }, name),
        detail,
      );
      this.nodeElements.set(node.id, { group, detail, title, node });
      return group;
    });

    this.svg = s(
      'svg',
      { viewBox: `0 0 ${this.width} ${height}`, width: this.width, height, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, class: 'state-graph', 'data-state-machine': stateMachine },
      s('title', { id: titleId }, `State graph of ${stateMachine}`),
      this.description,
      s('defs', {}, arrow(arrowId, 'graph-arrow'), arrow(takenArrowId, 'graph-arrow graph-arrow--taken')),
      s('g', {}, clusters),
      s('g', {}, edges),
      s('g', {}, nodes),
    );

    this.statusLine = h('p', { class: 'graph-status' });
    this.scroller = h('div', { class: 'graph-scroller', tabindex: 0, role: 'group', 'aria-label': `State graph of ${stateMachine} (scrollable)` }, this.svg);
    const fitButton = h('button', { type: 'button', class: 'button button--small', 'aria-pressed': 'false' }, 'Fit to width');
    fitButton.addEventListener('click', () => {
      const fit = fitButton.getAttribute('aria-pressed') !== 'true';
      fitButton.setAttribute('aria-pressed', String(fit));
      this.scroller.classList.toggle('graph-scroller--fit', fit);
    });
    this.pathTable = h('tbody');
    this.pathSummary = h('summary', {}, 'Path taken, as a table');
    const headingElement = h(`h${headingLevel}` as 'h3', { class: 'graph-heading' }, heading ?? `State machine ${stateMachine}`);
    this.element = h(
      'figure',
      { class: 'execution-graph' },
      h('figcaption', {}, headingElement, this.statusLine),
      h('div', { class: 'graph-toolbar' }, legend(), fitButton),
      this.scroller,
      h(
        'details',
        { class: 'path-details' },
        this.pathSummary,
        h(
          'table',
          { class: 'data-table' },
          h('caption', { class: 'visually-hidden' }, `States the ${stateMachine} execution entered, in order`),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, 'State'), h('th', { scope: 'col' }, 'Entered'), h('th', { scope: 'col' }, 'Left'), h('th', { scope: 'col' }, 'Result'))),
          this.pathTable,
        ),
      ),
    );
  }

  /** Marks the execution on the graph: current states, how each visited state was left, the edges taken. */
  update(execution: ExecutionView): void {
    const overlay = overlayExecution(this.graph, execution);
    for (const [id, { group, detail, title, node }] of this.nodeElements) {
      const info = overlay.nodes.get(id) ?? { state: 'not-visited' as NodeState, visits: 0 };
      for (const state of Object.keys(nodeStateText)) group.classList.toggle(`state-${state}`, state === info.state);
      const terminal = node.kind === 'Start' || node.kind === 'End';
      const visits = info.visits > 1 ? ` ×${info.visits}` : '';
      const stateWords = info.state === 'not-visited' ? '' : `${nodeStateSymbol[info.state]} ${id === endNodeId && info.state === 'succeeded' ? 'reached' : nodeStateText[info.state]}${visits}`;
      detail.textContent = terminal ? stateWords : [kindLabel(node), stateWords].filter(Boolean).join(' · ');
      const name = id === startNodeId ? 'Start' : id === endNodeId ? 'End' : id;
      title.textContent = `${name}${kindLabel(node) ? ` (${kindLabel(node)})` : ''}: ${nodeStateText[info.state]}${visits}${info.lastError ? ` — error ${info.lastError}` : ''}${node.comment ? `\n${node.comment}` : ''}`;
      group.setAttribute('data-status', info.state);
    }
    for (const [id, group] of this.edgeElements) {
      const taken = overlay.takenEdges.has(id);
      group.classList.toggle('taken', taken);
      const path = group.querySelector('path');
      path?.setAttribute('marker-end', `url(#${path.getAttribute(taken ? 'data-arrow-taken' : 'data-arrow')})`);
    }
    const current = execution.currentStates.join(', ');
    const statusText =
      execution.status === 'RUNNING'
        ? `Running, now in: ${current || '(between states)'}`
        : execution.status === 'SUCCEEDED'
          ? `Succeeded: reached the end (last state ${execution.path.at(-1)?.state ?? '—'})`
          : execution.status === 'NOT_STARTED'
            ? 'Not started yet'
            : `${execution.status}${execution.path.length ? `, in ${execution.path.filter((step) => step.status === 'failed').map((step) => step.state).join(', ') || execution.path.at(-1)?.state}` : ''}`;
    replaceChildren(this.statusLine, h('strong', {}, 'Execution: '), h('span', { class: `badge badge--execution-${execution.status.toLowerCase()}`, 'data-execution-status': execution.status }, execution.status), ' ', statusText);
    const recent = execution.path.slice(-8).map((step) => step.state).join(' → ');
    this.description.textContent = `${statusText}. ${execution.path.length} states entered${recent ? `; the latest: ${recent}` : ''}.`;
    this.pathSummary.textContent = `Path taken, as a table (${execution.path.length} states entered)`;
    replaceChildren(
      this.pathTable,
      execution.path.map((step, index) =>
        h(
          'tr',
          { class: `path-row path-row--${step.status}` },
          h('td', {}, index + 1),
          h('th', { scope: 'row' }, step.state),
          h('td', {}, formatInstant(step.enteredAt)),
          h('td', {}, step.exitedAt ? formatInstant(step.exitedAt) : '—'),
          h('td', {}, `${nodeStateSymbol[step.status === 'running' ? 'current' : step.status]} ${step.status}${step.error ? ` (${step.error})` : ''}`),
        ),
      ),
    );
    // Keep where the execution is in view inside the scrollable graph (never scrolls the page itself):
    // the current state, the end it reached, or where it failed.
    const focus =
      execution.currentStates.at(-1) ??
      (execution.status === 'SUCCEEDED' ? endNodeId : [...execution.path].reverse().find((step) => step.status === 'failed')?.state ?? execution.path.at(-1)?.state);
    if (focus && focus !== this.lastFocus) this.scrollTo(focus);
    this.lastFocus = focus ?? '';
  }

  private scrollTo(stateName: string, attempt = 0): void {
    const position = this.positions.get(stateName);
    if (!position || this.scroller.classList.contains('graph-scroller--fit')) return;
    // Drawn before it is in the document (the first update): scroll once it is laid out.
    if (!this.scroller.isConnected || this.scroller.clientWidth === 0) {
      if (attempt < 20) window.requestAnimationFrame(() => this.scrollTo(stateName, attempt + 1));
      return;
    }
    const left = Math.max(0, position.x - this.scroller.clientWidth / 2);
    const top = Math.max(0, position.y - this.scroller.clientHeight / 2);
    this.scroller.scrollTo({ left, top, behavior: 'auto' });
  }
}

/** What each look means, in words and with the symbol drawn in the node. */
function legend(): HTMLElement {
  const item = (state: NodeState, explanation: string) =>
    h(
      'li',
      {},
      s('svg', { width: 28, height: 18, 'aria-hidden': 'true', class: `legend-swatch graph-node state-${state}` }, s('rect', { x: 2, y: 2, width: 24, height: 14, rx: 3, class: 'graph-node-shape' })),
      ` ${nodeStateSymbol[state]} ${nodeStateText[state]}`,
      h('span', { class: 'visually-hidden' }, `: ${explanation}`),
    );
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    item('current', 'the execution is in this state now (thick dashed outline)'),
    item('succeeded', 'entered and left normally (solid outline)'),
    item('caught', 'an error was caught and the execution moved on (dotted outline)'),
    item('failed', 'the execution failed here (thickest solid outline)'),
    item('not-visited', 'not entered (thin grey outline)'),
  );
}

/**
 * What a rule target receives: the whole event, the part an InputPath selects, or the text an
 * input transformer renders, following the EventBridge user guide ("Amazon EventBridge input
 * transformation").
 */

/** The JSONPath subset EventBridge documents: dot notation, dashes, underscores, array indices, `*`. */
type PathStep = { readonly kind: 'key'; readonly key: string } | { readonly kind: 'index'; readonly index: number } | { readonly kind: 'wildcard' };

export class InvalidJsonPathError extends Error {
  override readonly name = 'ValidationException';
}

export function parseJsonPath(path: string): readonly PathStep[] {
  if (!path.startsWith('$')) throw new InvalidJsonPathError(`JSON path ${path} must start with $`);
  const steps: PathStep[] = [];
  const step = /\.([^.[\]]+)|\[(\d+|\*|'[^']*'|"[^"]*")\]/y;
  step.lastIndex = 1;
  while (step.lastIndex < path.length) {
    const at = step.lastIndex;
    const match = step.exec(path);
    if (!match) throw new InvalidJsonPathError(`JSON path ${path} is not supported at position ${at}`);
    const [, dotted, bracketed] = match;
    if (dotted !== undefined) steps.push(dotted === '*' ? { kind: 'wildcard' } : { kind: 'key', key: dotted });
    else if (bracketed === '*') steps.push({ kind: 'wildcard' });
    else if (/^\d+$/.test(bracketed as string)) steps.push({ kind: 'index', index: Number(bracketed) });
    else steps.push({ kind: 'key', key: (bracketed as string).slice(1, -1) });
  }
  return steps;
}

/** The value at the path; undefined when absent; an array of matches once a `*` is involved. */
export function readJsonPath(root: unknown, path: string): unknown {
  let nodes: unknown[] = [root];
  let spread = false;
  for (const step of parseJsonPath(path)) {
    const next: unknown[] = [];
    for (const node of nodes) {
      if (step.kind === 'wildcard') {
        if (Array.isArray(node)) next.push(...(node as unknown[]));
        else if (typeof node === 'object' && node !== null) next.push(...Object.values(node));
      } else if (step.kind === 'index') {
        if (Array.isArray(node) && step.index < node.length) next.push(node[step.index]);
      } else if (typeof node === 'object' && node !== null && !Array.isArray(node) && Object.hasOwn(node, step.key)) {
        next.push((node as Record<string, unknown>)[step.key]);
      }
    }
    if (step.kind === 'wildcard') spread = true;
    nodes = next;
  }
  return spread ? nodes : nodes[0];
}

export interface ReservedVariables {
  readonly ruleArn: string;
  readonly ruleName: string;
  readonly ingestionTime: string;
}

const reservedNames = ['aws.events.rule-arn', 'aws.events.rule-name', 'aws.events.event', 'aws.events.event.json', 'aws.events.event.ingestion-time'];

/**
 * Rejects what PutTargets rejects: keys EventBridge reserves (they start with `AWS.`) or that are
 * not `[A-Za-z0-9_-]+`, and paths outside the supported JSONPath subset.
 */
export function validateInputPathsMap(inputPathsMap: Readonly<Record<string, string>>): void {
  const keys = Object.keys(inputPathsMap);
  if (keys.length > 100) throw new InvalidJsonPathError('InputPathsMap accepts at most 100 variables');
  for (const key of keys) {
    if (/^aws\./i.test(key) || !/^[A-Za-z0-9_-]+$/.test(key)) throw new InvalidJsonPathError(`InputPathsMap key ${key} is not allowed`);
    parseJsonPath(inputPathsMap[key] as string);
  }
}

/**
 * Fills `<name>` placeholders. Outside quotes in a JSON template a value is inserted as JSON (a
 * string gets its quotes); inside a JSON string, or in a template that is not JSON, a string is
 * inserted as is, without escaping, exactly as EventBridge does. A path that is missing from the
 * event yields `null` in JSON and nothing inside a string.
 */
export function renderInputTemplate(
  template: string,
  inputPathsMap: Readonly<Record<string, string>>,
  event: Readonly<Record<string, unknown>>,
  reserved: ReservedVariables,
): string {
  const variables = new Map<string, unknown>();
  for (const [name, path] of Object.entries(inputPathsMap)) variables.set(name, readJsonPath(event, path));
  const { detail: _detail, ...withoutDetail } = event;
  const reservedValues: Record<string, unknown> = {
    'aws.events.rule-arn': reserved.ruleArn,
    'aws.events.rule-name': reserved.ruleName,
    'aws.events.event': withoutDetail,
    'aws.events.event.json': event,
    'aws.events.event.ingestion-time': reserved.ingestionTime,
  };
  for (const name of reservedNames) variables.set(name, reservedValues[name]);

  const jsonTemplate = /^\s*[{[]/.test(template);
  let output = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const char = template[i] as string;
    if (inString && char === '\\') {
      output += char + (template[i + 1] ?? '');
      i++;
      continue;
    }
    if (char === '"') inString = !inString;
    if (char === '<') {
      const end = template.indexOf('>', i + 1);
      const name = end === -1 ? undefined : template.slice(i + 1, end);
      if (name !== undefined && variables.has(name)) {
        const value = variables.get(name);
        const raw = inString || !jsonTemplate;
        output += value === undefined ? (raw ? '' : 'null') : raw && typeof value === 'string' ? value : JSON.stringify(value);
        i = end;
        continue;
      }
    }
    output += char;
  }
  return output;
}

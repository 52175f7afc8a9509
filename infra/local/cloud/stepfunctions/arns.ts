/**
 * ARNs and names as Step Functions and Lambda spell them. Locally every resource lives in the
 * placeholder account, so ARNs have the shape clients and the AWS CLI expect.
 */
export const localAccountId = '000000000000';

export const lambdaFunctionArn = (region: string, functionName: string) => `arn:aws:lambda:${region}:${localAccountId}:function:${functionName}`;

export const stateMachineArn = (region: string, name: string) => `arn:aws:states:${region}:${localAccountId}:stateMachine:${name}`;

export const executionArn = (region: string, stateMachineName: string, executionName: string) =>
  `arn:aws:states:${region}:${localAccountId}:execution:${stateMachineName}:${executionName}`;

/** The role a state machine runs as; nothing checks it locally, but clients read it. */
export const localRoleArn = (stateMachineName: string) => `arn:aws:iam::${localAccountId}:role/oms-local-${stateMachineName}`;

const arnPattern = /^arn:aws[\w-]*:states:([\w-]+):(\d{12}):(stateMachine|execution):(.+)$/;

export function parseStateMachineArn(arn: string): { region: string; name: string } | undefined {
  const match = arnPattern.exec(arn);
  if (!match || match[3] !== 'stateMachine') return undefined;
  return { region: match[1] as string, name: match[4] as string };
}

export function parseExecutionArn(arn: string): { region: string; stateMachineName: string; name: string } | undefined {
  const match = arnPattern.exec(arn);
  if (!match || match[3] !== 'execution') return undefined;
  const [stateMachineName, name, ...rest] = (match[4] as string).split(':');
  if (!stateMachineName || !name || rest.length > 0) return undefined;
  return { region: match[1] as string, stateMachineName, name };
}

/**
 * Lambda accepts a name, a partial ARN or a full ARN, each optionally qualified. Locally there is
 * one version of each function, so the qualifier is dropped and the rest becomes a full ARN.
 */
export function toFunctionArn(nameOrArn: string, region: string): string {
  const full = /^arn:aws[\w-]*:lambda:([\w-]+):(\d{12}):function:([^:]+)(:.+)?$/.exec(nameOrArn);
  if (full) return `arn:aws:lambda:${full[1]}:${full[2]}:function:${full[3]}`;
  const partial = /^(\d{12}):function:([^:]+)(:.+)?$/.exec(nameOrArn);
  if (partial) return `arn:aws:lambda:${region}:${partial[1]}:function:${partial[2]}`;
  return lambdaFunctionArn(region, nameOrArn.split(':')[0] as string);
}

/** Characters AWS refuses in state machine and execution names. */
const forbiddenNameCharacters = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;
const isControlCharacter = (character: string) => {
  const code = character.charCodeAt(0);
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
};

/** Why AWS would reject the name (InvalidName), or undefined when it is valid. */
export function invalidNameReason(name: string): string | undefined {
  if (name.length < 1 || name.length > 80) return `Invalid Name: '${name}' (must be 1 to 80 characters)`;
  if (forbiddenNameCharacters.test(name) || [...name].some(isControlCharacter)) return `Invalid Name: '${name}' (whitespace, brackets, wildcards and special characters are not allowed)`;
  return undefined;
}

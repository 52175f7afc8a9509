import { SFNClient } from '@aws-sdk/client-sfn';

let client: SFNClient | undefined;
/** One client per process, shared by the Step Functions adapters; AWS_ENDPOINT_URL_SFN points it at the local engine. */
export const sfnClient = (): SFNClient => (client ??= new SFNClient({ maxAttempts: 5 }));

/** An execution's ARN from its state machine's ARN and its name. */
export const executionArnOf = (stateMachineArn: string, name: string): string => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

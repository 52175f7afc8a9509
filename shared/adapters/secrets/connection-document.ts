/**
 * Reads a channel connection once per container and keeps it: from Secrets Manager on AWS (the
 * secret's ARN is in an env var CDK sets together with the GetSecretValue grant), from environment
 * variables locally. Powertools Parameters does the Secrets Manager call: the project's Powertools
 * stack already, with the SDK client set up for Lambda.
 */
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import type * as z from 'zod';
import { ConfigError } from '../../config/load-config';

/** Fetches a secret's value by ARN; replaceable in tests. */
export type SecretFetcher = (secretArn: string) => Promise<string>;

export const fetchFromSecretsManager: SecretFetcher = async (secretArn) => {
  const value = await getSecret(secretArn);
  if (value === undefined) throw new ConfigError(`Secret ${secretArn} has no value`);
  return typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
};

export interface ConnectionSource<Schema extends z.ZodType> {
  readonly schema: Schema;
  /** The env var with the secret's ARN (AWS). */
  readonly secretArnEnvVar: string;
  /** The document from environment variables, when there is no ARN (local runtime). */
  readonly fromEnvironment: (env: Readonly<Record<string, string | undefined>>) => unknown;
}

const invalid = (where: string, error: z.ZodError) =>
  new ConfigError(`Invalid channel connection in ${where}: ${error.issues.map((issue) => `${issue.path.join('.') || '(document)'}: ${issue.message}`).join('; ')}`);

/**
 * The connection, read on first use and then kept for the container's life (a rotated secret is
 * picked up by new containers). A failed read is not kept: the next request tries again. Locally
 * the document is checked at once, so a misconfigured runtime fails at start.
 */
export function connectionDocument<Schema extends z.ZodType>(
  { schema, secretArnEnvVar, fromEnvironment }: ConnectionSource<Schema>,
  { env = process.env, fetchSecret = fetchFromSecretsManager }: { env?: Readonly<Record<string, string | undefined>>; fetchSecret?: SecretFetcher } = {},
): () => Promise<z.infer<Schema>> {
  const secretArn = env[secretArnEnvVar];
  if (!secretArn) {
    const parsed = schema.safeParse(fromEnvironment(env));
    if (!parsed.success) throw invalid('the environment', parsed.error);
    const local = Promise.resolve(parsed.data);
    return () => local;
  }
  let pending: Promise<z.infer<Schema>> | undefined;
  const read = async (): Promise<z.infer<Schema>> => {
    let document: unknown;
    try {
      document = JSON.parse(await fetchSecret(secretArn));
    } catch (error) {
      if (error instanceof SyntaxError) throw new ConfigError(`Secret ${secretArn} is not a JSON connection document`);
      throw error;
    }
    const parsed = schema.safeParse(document);
    if (!parsed.success) throw invalid(`secret ${secretArn}`, parsed.error);
    return parsed.data;
  };
  return () => {
    pending ??= read().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

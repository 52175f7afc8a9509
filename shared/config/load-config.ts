import * as z from 'zod';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates the environment once, at cold start, and fails fast: a function with a
 * missing table name must not start and then fail on its first request.
 */
export function loadConfig<Shape extends z.ZodRawShape>(
  shape: Shape,
  env: Record<string, string | undefined> = process.env,
): z.infer<z.ZodObject<Shape>> {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  return result.data;
}

export const tableNameSetting = z.string().min(3, 'must name a DynamoDB table');

/**
 * OMS_WEBHOOK_ALLOW_LOCALHOST: set by the local runtime only, so its own receivers (demo webhook
 * receiver, sandbox warehouse) on http://localhost can be reached; on AWS localhost would be the
 * Lambda runtime API, so outgoing HTTP never may.
 */
export const allowLocalhostSetting = z
  .enum(['true', 'false'])
  .default('false')
  .transform((value) => value === 'true');

/** Optional JSON settings: absent means the defaults; present but invalid stops the function at cold start. */
export const jsonSetting = <Schema extends z.ZodType>(schema: Schema) =>
  z
    .string()
    .optional()
    .transform((text, context) => {
      try {
        return text === undefined || text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        context.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

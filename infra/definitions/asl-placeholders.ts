/**
 * `${Name}` placeholders of an ASL definition. CloudFormation substitutes only the names it is
 * given and leaves any other `${...}` in place, which Step Functions then rejects or, worse, runs as
 * a literal string. CDK (at synth) and the local runtime (at start) run the same check, so both
 * mistakes are a build error naming the placeholder.
 */
export const PLACEHOLDER = /\$\{([^}]*)\}/g;

/** The distinct placeholder names in `asl`, in order of first use. */
const placeholdersOf = (asl: string): string[] => [
  ...new Set(Array.from(asl.matchAll(PLACEHOLDER), (match) => match[1] ?? '')),
];

/**
 * Throws unless the placeholders of `asl` and the substitution names are the same set: a
 * placeholder without a substitution would reach Step Functions verbatim, and a substitution no
 * placeholder uses is a sign the definition and its ASL file have drifted apart.
 */
export const assertSubstitutionsMatch = (
  stateMachineName: string,
  definitionFile: string,
  asl: string,
  substitutionNames: readonly string[],
): void => {
  const placeholders = placeholdersOf(asl);
  const missing = placeholders.filter((name) => !substitutionNames.includes(name));
  const unused = substitutionNames.filter((name) => !placeholders.includes(name));
  const problems = [
    ...(missing.length > 0 ? [`no substitution for ${missing.map((name) => `\${${name}}`).join(', ')}`] : []),
    ...(unused.length > 0 ? [`substitution(s) not used in the file: ${unused.join(', ')}`] : []),
  ];
  if (problems.length > 0) {
    throw new Error(`State machine ${stateMachineName} (${definitionFile}): ${problems.join('; ')}.`);
  }
};

import { validateOutput } from '../validate/validate-output.js';

/** The validation `index` runs after writing: the same one `codegraph validate` runs. */
export async function validateAfterIndex(outDir: string, options: { kuzu: boolean }): Promise<{ consistent: boolean; result: unknown }> {
  const result = await validateOutput(outDir, { kuzu: options.kuzu });
  return { consistent: result.consistent, result };
}

/**
 * `npm test` runs the fault tests at a size that answers in seconds; `npm run test:soak` (which
 * sets CODEGRAPH_SOAK=1) runs the same tests at full size: more kills, more files, bigger inputs.
 */
export const SOAK = process.env['CODEGRAPH_SOAK'] === '1';

export function bySuite<T>(quick: T, soak: T): T {
  return SOAK ? soak : quick;
}

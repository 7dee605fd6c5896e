import type { Answer } from './questions.js';

/**
 * An answer as a set of lines, one per row (and per subject, package or candidate), each the row's
 * JSON with its keys in order: two answers are equal when these sets are.
 */
export function answerLines(answer: Answer): string[] {
  const lines: string[] = [];
  const add = (kind: string, value: unknown): void => {
    lines.push(`${kind} ${canonical(value)}`);
  };
  switch (answer.kind) {
    case 'ambiguous':
      for (const c of answer.candidates) add(`candidate${answer.role ? ` (${answer.role})` : ''}`, c);
      break;
    case 'unknown':
      add(`unknown${answer.role ? ` (${answer.role})` : ''}`, { text: answer.text, nearest: answer.nearest });
      break;
    case 'rows':
      if ('subjects' in answer) for (const s of answer.subjects) add('subject', s);
      if (answer.question === 'impact') for (const s of answer.seeds) add('seed', s);
      if (answer.question === 'path') for (const [role, ends] of [['from', answer.from], ['to', answer.to]] as const) for (const n of ends) add(role, n);
      for (const row of answer.rows) add('row', row);
      if (answer.question === 'deps') for (const p of answer.packages) add('package', p);
      break;
  }
  return [...new Set(lines)].sort();
}

export interface AnswerDifference {
  /** Lines of the first answer missing from the second, and the other way round. */
  readonly onlyFirst: readonly string[];
  readonly onlySecond: readonly string[];
}

export function compareAnswers(first: Answer, second: Answer): AnswerDifference {
  const a = answerLines(first);
  const b = answerLines(second);
  const inB = new Set(b);
  const inA = new Set(a);
  return { onlyFirst: a.filter((l) => !inB.has(l)), onlySecond: b.filter((l) => !inA.has(l)) };
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );
}

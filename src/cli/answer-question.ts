import { compareAnswers } from '../query/compare.js';
import { openStores, type StoreOption } from '../query/open-store.js';
import type { Answer } from '../query/questions.js';
import type { QueryStore } from '../query/store.js';
import { renderAnswerGraph, type GraphFormat } from '../report/question-graph.js';
import { lookupFailureMessage, renderAnswerText } from '../report/question-text.js';
import { resolveOutDir } from '../storage/output-reader.js';
import { recoverOutput } from '../storage/output-dir.js';
import { ExitCode } from './exit-codes.js';
import type { Output } from './output.js';

export interface AnswerFlags {
  readonly out?: string;
  readonly store?: StoreOption;
  readonly format: 'text' | GraphFormat;
  readonly json?: boolean;
}

const STORE_FILE = { kuzu: 'graph.kuzu', json: 'graph.json' } as const;

/**
 * Asks one question of the chosen store, or of both and compares the answers as sets, prints the
 * answer and gives the exit code: 0 answered; 1 the stores differ; 2 a name that names nothing or
 * several things.
 */
export async function answerQuestion(output: Output, flags: AnswerFlags, ask: (store: QueryStore) => Promise<Answer>): Promise<number> {
  const outDir = resolveOutDir(undefined, flags.out, process.env);
  await recoverOutput(outDir);
  const opened = await openStores(outDir, flags.store);
  const answers: { store: QueryStore; answer: Answer; ms: number }[] = [];
  try {
    for (const store of opened.stores) {
      const t0 = performance.now();
      const answer = await ask(store);
      answers.push({ store, answer, ms: Math.round(performance.now() - t0) });
    }
  } finally {
    for (const store of opened.stores) await store.close();
  }
  const timings = Object.fromEntries(answers.map((a) => [a.store.name, { openMs: opened.openMs[a.store.name] ?? 0, answerMs: a.ms }]));
  const first = answers[0]!;
  const answered = answers.map((a) => `${STORE_FILE[a.store.name]} (opened in ${opened.openMs[a.store.name] ?? 0} ms, answered in ${a.ms} ms)`).join(' and ');

  if (answers.length === 2) {
    const difference = compareAnswers(first.answer, answers[1]!.answer);
    const equal = difference.onlyFirst.length === 0 && difference.onlySecond.length === 0;
    if (!equal) {
      if (flags.json) output.json({ store: 'both', timings, equal, onlyKuzu: difference.onlyFirst, onlyJson: difference.onlySecond, kuzu: first.answer, json: answers[1]!.answer });
      else {
        const lines = [...difference.onlyFirst.map((l) => `only in graph.kuzu: ${l}`), ...difference.onlySecond.map((l) => `only in graph.json: ${l}`)];
        output.result(`the stores answer differently (${difference.onlyFirst.length} lines only in graph.kuzu, ${difference.onlySecond.length} only in graph.json):\n${lines.join('\n')}`);
      }
      output.error(`graph.kuzu and graph.json give different answers (answered from ${answered}); run codegraph validate, or index again`);
      return ExitCode.inconsistent;
    }
    output.info(`answered from ${answered}: the same answer from both`);
  } else {
    output.info(`answered from ${answered}: ${opened.why}`);
  }

  const answer = first.answer;
  if (flags.json) output.json({ store: answers.length === 2 ? 'both' : first.store.name, timings, ...(answers.length === 2 ? { equal: true } : {}), ...answer });
  else if (flags.format !== 'text') {
    const drawing = renderAnswerGraph(answer, flags.format);
    output.result(drawing.text);
    if (drawing.leftOut > 0) output.info(`the drawing leaves out ${drawing.leftOut} nodes to stay readable; --json lists them all`);
  } else output.result(renderAnswerText(answer));
  if (answer.kind !== 'rows') {
    output.error(lookupFailureMessage(answer));
    return ExitCode.usage;
  }
  return ExitCode.ok;
}

// The child process `index` validates its output in. It is started with the Kuzu process's
// allocator settings (storage/kuzu-client.ts), which a process cannot give itself once running:
// with them, opening graph.kuzu read-only takes ~80 ms instead of ~300 ms (docs/adr/0002). It is
// started before the output is written and waits, its modules loaded, for the one request.
import { validateOutput, type ValidationReport } from './validate-output.js';

export interface ValidateRequest {
  readonly outDir: string;
  readonly kuzu: boolean;
}

export type ValidateReply = { readonly ok: true; readonly report: ValidationReport } | { readonly ok: false; readonly name: string; readonly message: string };

process.once('message', (request: ValidateRequest) => {
  void validateOutput(request.outDir, { kuzu: request.kuzu }).then(
    (report): ValidateReply => ({ ok: true, report }),
    (error: unknown): ValidateReply => ({ ok: false, name: error instanceof Error ? error.constructor.name : 'Error', message: error instanceof Error ? error.message : String(error) }),
  ).then((reply) => process.send?.(reply, () => process.disconnect()));
});

// The index run went away: nothing here is worth finishing.
process.on('disconnect', () => process.exit(0));

// A parse worker that dies on purpose (exit code 7) as soon as it is sent a chunk holding a file
// named crash.ts, and is the real worker (dist/) otherwise: the fault a crash inside WASM or an
// out-of-memory would be, which no real file can be made to cause. Test use only.
import { parentPort } from 'node:worker_threads';
// The real worker first: its listener must be on the port before a message can be delivered.
import '../../dist/pipeline/parse-worker.js';

parentPort.on('message', (request) => {
  // The real listener has only queued the chunk (it parses asynchronously): nothing is answered.
  if (request.files.some((file) => file.relPath.endsWith('crash.ts'))) process.exit(7);
});

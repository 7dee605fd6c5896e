// Build output (ignored by .gitignore, so codegraph must not index it).
import { createApp } from './app.js';
export function main() {
    const app = createApp();
    app.log.info('started');
    return app;
}
main();

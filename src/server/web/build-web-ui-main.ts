/** `npm run build:web`: builds the web UI into `src/web/dist` now, whatever its state. */
import { buildWebUi } from './build-web-ui.js';

const startedMs = performance.now();
await buildWebUi();
console.log(`Web UI built into src/web/dist in ${Math.round(performance.now() - startedMs)} ms.`);

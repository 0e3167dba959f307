/**
 * Vite build of Eddy's web UI: the React app (`index.html` → `dist/`) served by `eddy serve`.
 * `src/server/web/build-web-ui.ts` runs it programmatically when `dist/` is missing or stale;
 * `npm run build:web` runs it by hand.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
  },
});

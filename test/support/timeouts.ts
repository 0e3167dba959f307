/**
 * Time limits of tests that start processes (`node bin/eddy.js`, tsx workers, `eddy serve`).
 * They are guards against a hung test, not measures: nothing asserts how fast a process is.
 *
 * One start of the CLI costs seconds of CPU (tsx loads the TypeScript sources), and a CLI test
 * starts up to thirty of them. On a machine whose two cores other work keeps busy (CI next to
 * other jobs, parallel test workers), each process gets a fraction of a core, and such a test has
 * been seen taking three minutes. The limit leaves room for that several times over.
 */
export const PROCESS_TEST_TIMEOUT_MS = 600_000;

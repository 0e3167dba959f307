/**
 * The child process that serves S3: starts both servers, reports their URLs, serves until told
 * to stop, then reports its peak RSS and exits.
 */
import { peakRssMb } from '../support/process-usage.js';
import { startS3Servers, type S3Targets } from './s3-servers.js';

/** Messages from the server process. */
export type ServerProcessMessage =
  | { readonly kind: 'ready'; readonly targets: S3Targets }
  | { readonly kind: 'stopped'; readonly peakRssMb: number }
  | { readonly kind: 'failed'; readonly error: string };

function send(message: ServerProcessMessage, then: () => void = () => undefined): void {
  process.send?.(message, then);
}

startS3Servers().then(
  (servers) => {
    const { eddyUrl, bareUrl, eddyHeaders, interviewId } = servers;
    send({ kind: 'ready', targets: { eddyUrl, bareUrl, eddyHeaders, interviewId } });
    process.once('message', () => {
      servers.close().then(
        () => send({ kind: 'stopped', peakRssMb: peakRssMb() }, () => process.exit(0)),
        (error: unknown) => send({ kind: 'failed', error: String(error) }, () => process.exit(1)),
      );
    });
  },
  (error: unknown) => send({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1)),
);

/**
 * Eddy's configuration from the environment, read in one place by the composition roots
 * (`eddy serve`, the CLI); nothing below them reads `process.env`. Every value is optional: an
 * unset or empty variable means "use the default", and a value that cannot be right (a port
 * that is not a number) is refused at start-up with the variable's name.
 */

/** The environment Eddy reads (usually `process.env`). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** Plain configuration, as the composition roots hand it down. */
export interface EddyConfig {
  /** `PORT`: the HTTP port of `eddy serve` (0 picks a free one). */
  readonly port: number | undefined;
  /** `HOST`: the interface to listen on. */
  readonly host: string | undefined;
  /** `DATABASE_URL`: `postgres://...`, `sqlite:<file>` (default `.eddy/eddy.db`). */
  readonly databaseUrl: string | undefined;
  /** `SMTP_URL`: `smtp://` or `smtps://`; without it, email stays queued. */
  readonly smtpUrl: string | undefined;
  /** `EDDY_EMBED_ORIGINS`: origins allowed to embed `<eddy-paused-flows>` (comma-separated). */
  readonly embedOrigins: readonly string[];
  /** `EDDY_TRUST_PROXY`: whose `X-Forwarded-*` headers to trust (`true`, a hop count, addresses; the server parses it). */
  readonly trustProxy: string | undefined;
  /** `EDDY_ADMIN_PASSWORD`: the demo admin's password (`--demo`). */
  readonly adminPassword: string | undefined;
  /** `EDDY_DEMO_CLIENT_SECRET`: the demo connected app's secret (`--demo`). */
  readonly demoClientSecret: string | undefined;
}

/** A variable whose value cannot be used. */
export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

function given(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** Parses a TCP port (0–65535). */
export function parsePort(text: string | number, variable = 'PORT'): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(variable, `"${String(text)}" is not a port (0–65535).`);
  return port;
}

/** Reads Eddy's configuration from `env` (default `process.env`). */
export function readConfig(env: Environment = process.env): EddyConfig {
  const port = given(env, 'PORT');
  const smtpUrl = given(env, 'SMTP_URL');
  if (smtpUrl !== undefined && !/^smtps?:\/\//i.test(smtpUrl)) throw new ConfigError('SMTP_URL', 'expected smtp://user:pass@host:port or smtps://...');
  return {
    port: port === undefined ? undefined : parsePort(port),
    host: given(env, 'HOST'),
    databaseUrl: given(env, 'DATABASE_URL'),
    smtpUrl,
    embedOrigins: (env['EDDY_EMBED_ORIGINS'] ?? '')
      .split(',')
      .map((origin) => origin.trim().replace(/\/+$/, ''))
      .filter((origin) => origin !== ''),
    trustProxy: given(env, 'EDDY_TRUST_PROXY'),
    // Passwords and secrets keep their spaces: only an empty value means "not set".
    adminPassword: env['EDDY_ADMIN_PASSWORD'] === '' ? undefined : env['EDDY_ADMIN_PASSWORD'],
    demoClientSecret: env['EDDY_DEMO_CLIENT_SECRET'] === '' ? undefined : env['EDDY_DEMO_CLIENT_SECRET'],
  };
}

/** Where a database is, as `openDatabase` takes it: a URL, a SQLite file, or neither (the default file). */
export interface DatabaseLocation {
  readonly url?: string;
  readonly file?: string;
}

/** A `--database` value or `DATABASE_URL`: `postgres://...` and `sqlite:<file>` are URLs, anything else a SQLite file. */
export function databaseLocation(database: string | undefined): DatabaseLocation {
  if (database === undefined || database === '') return {};
  if (/^(?:postgres(?:ql)?|sqlite):/i.test(database)) return { url: database };
  return { file: database };
}

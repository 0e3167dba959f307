/**
 * REST API versions. Every `vNN.N` from 50.0 (jsforce's default) to the current one is served
 * with the same behaviour; anything else is 404 `NOT_FOUND`, as Salesforce answers an unknown
 * version. The list at `GET /services/data` names the releases (the sf CLI uses the highest).
 */
import { notFound } from './http-errors.js';

/** The oldest version served. */
export const MIN_API_VERSION = 50;
/** The newest version served (Summer '25). */
export const CURRENT_API_VERSION = 64;

/** One entry of `GET /services/data`. */
export interface ApiVersionEntry {
  readonly label: string;
  readonly url: string;
  readonly version: string;
}

const SEASONS = ['Winter', 'Spring', 'Summer'] as const;

/** The release label of a major version (50 → `Winter '21`, 59 → `Winter '24`). */
export function releaseLabel(major: number): string {
  const index = major - MIN_API_VERSION;
  const season = SEASONS[((index % 3) + 3) % 3] ?? 'Winter';
  return `${season} '${21 + Math.floor(index / 3)}`;
}

/** Every served version, oldest first. */
export function apiVersions(): ApiVersionEntry[] {
  const entries: ApiVersionEntry[] = [];
  for (let major = MIN_API_VERSION; major <= CURRENT_API_VERSION; major++) {
    entries.push({ label: releaseLabel(major), url: `/services/data/v${major}.0`, version: `${major}.0` });
  }
  return entries;
}

/** The version `NN.N` of a path segment `vNN.N`; 404 `NOT_FOUND` for a malformed or unserved one. */
export function parseApiVersion(segment: string): string {
  const match = /^v(\d{2,3})\.(\d)$/.exec(segment);
  const value = match ? Number(`${match[1]}.${match[2]}`) : NaN;
  if (!match || value < MIN_API_VERSION || value > CURRENT_API_VERSION) throw notFound();
  return `${Number(match[1])}.${match[2]}`;
}

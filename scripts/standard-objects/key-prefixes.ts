/**
 * Synthetic key prefixes for catalogue objects no source gives a prefix (platform events such as
 * `FlowExecutionErrorEvent`, many newer objects): without one, Eddy cannot make an Id, so the
 * object cannot be created. They come from a range Salesforce does not use for standard objects
 * and Eddy does not use for custom ones: `z` followed by two base-62 characters (3,844 values).
 * Standard prefixes start with a digit (or `k`), custom objects are `a00`..., custom metadata
 * `m`, platform events `e`, external and big objects `x`. Each object's slot is a hash of its
 * name, so adding an object does not move the others (a collision probes to the next free slot,
 * in name order). See docs/standard-objects.md.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The first character of every synthetic prefix. */
export const SYNTHETIC_PREFIX_LEAD = 'z';

const SLOTS = BASE62.length * BASE62.length;

/** FNV-1a, 32 bits: a stable hash of an object name. */
function hash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function prefixAt(slot: number): string {
  return `${SYNTHETIC_PREFIX_LEAD}${BASE62[Math.floor(slot / BASE62.length)] ?? '0'}${BASE62[slot % BASE62.length] ?? '0'}`;
}

/** A synthetic prefix for each of `names` (assigned in name order), none of them in `taken`. */
export function syntheticPrefixes(names: Iterable<string>, taken: ReadonlySet<string>): Map<string, string> {
  const used = new Set(taken);
  const out = new Map<string, string>();
  for (const name of [...names].sort()) {
    let slot = hash(name) % SLOTS;
    for (let tries = 0; used.has(prefixAt(slot)); tries++) {
      if (tries >= SLOTS) throw new Error('No synthetic key prefix left.');
      slot = (slot + 1) % SLOTS;
    }
    const prefix = prefixAt(slot);
    used.add(prefix);
    out.set(name, prefix);
  }
  return out;
}

/**
 * A JSON Schema subset validator for contract tests (OpenAPI 3.1 schemas): `$ref` (local),
 * `type` (one or a list), `properties`, `required`, `additionalProperties` (false or a schema),
 * `items`, `enum`, `const`, `oneOf`, `anyOf`, `allOf`, `maxLength`, `nullable` (OpenAPI 3.0) and
 * `format: date-time`. Other keywords (`description`, ...) do not constrain. Returns the
 * problems as `path: message` strings; an empty list means valid.
 */
type Schema = Record<string, unknown>;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function resolve(schema: Schema, root: Schema): Schema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 32; hops++) {
    const ref = current.$ref as string;
    if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported: ${ref}`);
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) target = (target as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (target === undefined || typeof target !== 'object') throw new Error(`Unresolvable $ref ${ref}`);
    current = target as Schema;
  }
  return current;
}

/** Validates `value` against `schema` (refs resolved in `root`). */
export function validateJson(schema: Schema, value: unknown, root: Schema = schema, path = '$'): string[] {
  const s = resolve(schema, root);
  const problems: string[] = [];
  if (value === null && s.nullable === true) return problems;
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => matchesType(value, t))) return [`${path}: expected ${types.join(' | ')}, got ${typeOf(value)}`];
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
  if (s.const !== undefined && JSON.stringify(s.const) !== JSON.stringify(value)) problems.push(`${path}: expected ${JSON.stringify(s.const)}`);
  if (typeof value === 'string') {
    if (typeof s.maxLength === 'number' && value.length > s.maxLength) problems.push(`${path}: longer than ${s.maxLength}`);
    if (s.format === 'date-time' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(value)) problems.push(`${path}: not a date-time: ${value}`);
  }
  if (Array.isArray(value) && s.items !== undefined) {
    value.forEach((item, index) => problems.push(...validateJson(s.items as Schema, item, root, `${path}[${index}]`)));
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    for (const name of (s.required ?? []) as string[]) if (!(name in object)) problems.push(`${path}: missing required property ${name}`);
    for (const [name, child] of Object.entries(object)) {
      const propertySchema = properties[name];
      if (propertySchema) problems.push(...validateJson(propertySchema, child, root, `${path}.${name}`));
      else if (s.additionalProperties === false) problems.push(`${path}: unexpected property ${name}`);
      else if (typeof s.additionalProperties === 'object' && s.additionalProperties !== null) problems.push(...validateJson(s.additionalProperties as Schema, child, root, `${path}.${name}`));
    }
  }
  if (Array.isArray(s.allOf)) for (const part of s.allOf as Schema[]) problems.push(...validateJson(part, value, root, path));
  if (Array.isArray(s.anyOf) && !(s.anyOf as Schema[]).some((part) => validateJson(part, value, root, path).length === 0)) problems.push(`${path}: matches none of anyOf`);
  if (Array.isArray(s.oneOf) && (s.oneOf as Schema[]).filter((part) => validateJson(part, value, root, path).length === 0).length !== 1) problems.push(`${path}: does not match exactly one of oneOf`);
  return problems;
}

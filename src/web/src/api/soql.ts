/**
 * Safe SOQL literals for the queries the UI builds. User text never reaches a query unquoted:
 * strings are escaped as SOQL requires, IDs must look like IDs.
 */

const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;
const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Whether `value` is a well-formed 15- or 18-character Salesforce ID. */
export function isSalesforceId(value: string): boolean {
  return ID.test(value);
}

/** A quoted SOQL string literal (`'O\'Brien'`): backslash, quotes and control characters escaped. */
export function soqlString(value: string): string {
  const escaped = value.replace(/[\\'"\n\r\t\b\f]/g, (char) => {
    switch (char) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      case '\b':
        return '\\b';
      case '\f':
        return '\\f';
      default:
        return `\\${char}`;
    }
  });
  return `'${escaped}'`;
}

/** A quoted ID literal; throws for anything that is not an ID (so it can never carry SOQL). */
export function soqlId(value: string): string {
  if (!isSalesforceId(value)) throw new Error(`"${value}" is not a valid record ID.`);
  return `'${value}'`;
}

/** `('id1','id2')` for an IN list of IDs (throws on a malformed one; an empty list is not allowed). */
export function soqlIdList(values: readonly string[]): string {
  if (values.length === 0) throw new Error('An IN list needs at least one ID.');
  return `(${values.map(soqlId).join(',')})`;
}

/** An object or field API name checked to be one (`Contact`, `My_Object__c`). */
export function soqlName(value: string): string {
  if (!API_NAME.test(value)) throw new Error(`"${value}" is not a valid API name.`);
  return value;
}

/** A LIKE pattern that matches `text` anywhere, with `%` and `_` in it escaped. */
export function soqlContains(text: string): string {
  const inner = soqlString(text).slice(1, -1).replace(/[%_]/g, (char) => `\\${char}`);
  return `'%${inner}%'`;
}

/** Formatting of values for display: dates in the user's locale, field values as text. */

/** A date-time as the user reads it (`12 Mar 2025, 14:05`), or an em dash for none. */
export function formatDateTime(value: string | null | undefined, locale?: string): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A field value as plain text (never HTML): records by Name, lists joined, booleans as words. */
export function formatFieldValue(value: unknown, type?: string, locale?: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (type === 'datetime' && typeof value === 'string') return formatDateTime(value, locale);
  if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [year, month, day] = value.split('-').map(Number);
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)));
  }
  if (Array.isArray(value)) return value.map((item) => formatFieldValue(item, undefined, locale)).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.Name === 'string') return record.Name;
    const address = ['street', 'city', 'state', 'postalCode', 'country'].map((key) => record[key]).filter((part) => typeof part === 'string' && part !== '');
    if (address.length > 0) return address.join(', ');
    return JSON.stringify(value);
  }
  return String(value);
}

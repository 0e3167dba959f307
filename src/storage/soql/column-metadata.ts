/**
 * The column metadata of a query (`GET /query?q=…&columns=true`), which `sf data query` reads
 * after the records: `{ columnMetadata: [{ columnName, displayName, aggregate, joinColumns }],
 * entityName, groupBy, idSelected, keyPrefix }`. Relationship fields nest under their
 * relationship (`Owner` → `Owner.Name`), as Salesforce returns them.
 */
import type { FieldDescribe } from '../../runtime/index.js';
import type { CompiledSoql } from './compile-soql.js';
import type { ColumnMetadata, QueryColumns } from '../../runtime/index.js';

const APEX_TYPES: Readonly<Record<FieldDescribe['type'], string>> = {
  id: 'Id', reference: 'Id', string: 'String', textarea: 'String', email: 'String', phone: 'String', url: 'String', picklist: 'String',
  multipicklist: 'String', combobox: 'String', encryptedstring: 'String', boolean: 'Boolean', int: 'Integer', double: 'Double',
  currency: 'Decimal', percent: 'Double', date: 'Date', datetime: 'Datetime', time: 'Time', long: 'Long', base64: 'Blob',
  address: 'Address', location: 'Location', anyType: 'Object', complexvalue: 'Object', json: 'Object',
};

/** The column metadata of a compiled query. */
export function columnMetadataOf(compiled: CompiledSoql): QueryColumns {
  const base = { entityName: compiled.object.name, keyPrefix: compiled.object.keyPrefix };
  switch (compiled.mode) {
    case 'count':
      return { ...base, columnMetadata: [], groupBy: false, idSelected: false };
    case 'aggregate':
      return {
        ...base,
        groupBy: compiled.columns.some((c) => !c.aggregate),
        idSelected: false,
        columnMetadata: compiled.columns.map((c) => ({ columnName: c.key, displayName: c.display, aggregate: c.aggregate, apexType: APEX_TYPES[c.field.type], joinColumns: [] })),
      };
    case 'records': {
      const top: ColumnMetadata[] = [];
      for (const column of compiled.columns) {
        let level = top;
        const names: string[] = [];
        for (const hop of column.resolved.hops) {
          names.push(hop.name);
          let parent = level.find((c) => c.columnName === hop.name && c.apexType === null);
          if (!parent) {
            parent = { columnName: hop.name, displayName: names.join('.'), aggregate: false, apexType: null, joinColumns: [] };
            level.push(parent);
          }
          level = parent.joinColumns;
        }
        const field = column.resolved.field;
        level.push({ columnName: field.name, displayName: column.resolved.path, aggregate: false, apexType: APEX_TYPES[field.type], joinColumns: [] });
      }
      const idSelected = compiled.columns.some((c) => c.resolved.hops.length === 0 && c.resolved.field.name === 'Id');
      return { ...base, groupBy: false, idSelected, columnMetadata: top };
    }
  }
}

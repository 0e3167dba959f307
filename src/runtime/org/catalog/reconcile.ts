/**
 * Turns a catalogue object into the describe Eddy serves, reconciled with Eddy's hand-written
 * describe of the same object (`standard-objects.ts`) when there is one: a value one of the
 * sources gave (provenance `J`, `D`, `O` or the override table `H`) wins over the hand-written
 * one; the hand-written one wins over a type default (`T`); Eddy's behaviour flags (`calculated`
 * for the person `Name` Eddy computes, auto-numbers, the name field, the display format) are
 * kept; hand-written fields no source knows are kept too.
 */
import type { CatalogObject } from './catalog-format.js';
import { expandField } from './catalog-format.js';
import type { ChildRelationship, FieldDescribe, ObjectDescribe } from '../org-schema.js';

/** Provenance letters: type, label, size, nillable, access, picklist, reference. */
const TYPE = 0;
const LABEL = 1;
const SIZE = 2;
const NILLABLE = 3;
const ACCESS = 4;
const PICKLIST = 5;

function fromSource(src: string | undefined, position: number): boolean {
  const letter = src?.[position];
  return letter !== undefined && letter !== 'T' && letter !== '-';
}

/**
 * Whether the generated type is known rather than guessed: the jar's Apex `String` covers
 * picklists, text areas, emails..., so a hand-written type is more precise than it.
 */
function typeKnown(generated: FieldDescribe, src: string | undefined): boolean {
  return fromSource(src, TYPE) && !(src?.[TYPE] === 'J' && generated.type === 'string');
}

/**
 * Whether the generated create/update flags beat the hand-written ones: only the override
 * table's (`H`). The documentation's "read-only" also marks create-only fields and, on some
 * objects, every field (Campaign), so Eddy's hand-written flags are kept over it.
 */
function accessKnown(src: string | undefined): boolean {
  return src?.[ACCESS] === 'H';
}

function reconcileField(generated: FieldDescribe, src: string | undefined, hand: FieldDescribe | undefined): FieldDescribe {
  if (hand === undefined) return generated;
  const sameType = generated.type === hand.type || !typeKnown(generated, src);
  const take = <K extends keyof FieldDescribe>(position: number, ...keys: K[]): Pick<FieldDescribe, K> => {
    const out = {} as Pick<FieldDescribe, K>;
    const known = position === ACCESS ? accessKnown(src) : fromSource(src, position);
    for (const key of keys) out[key] = known ? generated[key] : hand[key];
    return out;
  };
  return {
    ...generated,
    type: sameType ? hand.type : generated.type,
    ...take(LABEL, 'label'),
    ...(sameType ? take(SIZE, 'length', 'precision', 'scale', 'digits') : {}),
    ...take(NILLABLE, 'nillable'),
    ...take(ACCESS, 'createable', 'updateable'),
    ...(sameType && hand.picklistValues.length > 0 ? take(PICKLIST, 'picklistValues', 'restrictedPicklist') : {}),
    defaultedOnCreate: generated.defaultedOnCreate || hand.defaultedOnCreate,
    defaultValue: generated.defaultValue ?? hand.defaultValue,
    calculated: generated.calculated || hand.calculated,
    autoNumber: generated.autoNumber || hand.autoNumber,
    nameField: generated.nameField || hand.nameField,
    idLookup: generated.idLookup || hand.idLookup,
    unique: generated.unique || hand.unique,
    referenceTo: generated.referenceTo.length > 0 ? generated.referenceTo : hand.referenceTo,
    relationshipName: generated.relationshipName ?? hand.relationshipName,
    ...(hand.displayFormat === undefined ? {} : { displayFormat: hand.displayFormat }),
  };
}

/** The describe of catalogue object `object`, reconciled with Eddy's hand-written describe `hand` if any. */
export function describeFromCatalog(object: CatalogObject, hand?: ObjectDescribe): ObjectDescribe {
  const handFields = new Map((hand?.fields ?? []).map((f) => [f.name.toLowerCase(), f]));
  const fields: FieldDescribe[] = object.fields.map((stored) => {
    const key = stored.name.toLowerCase();
    const field = reconcileField(expandField(stored), stored.src, handFields.get(key));
    handFields.delete(key);
    return field;
  });
  fields.push(...handFields.values());
  const childRelationships: ChildRelationship[] = object.childRelationships.map((r) => ({ childSObject: r.childSObject, field: r.field, relationshipName: r.relationshipName, cascadeDelete: r.cascadeDelete === true }));
  return {
    name: object.name,
    label: object.label,
    labelPlural: object.labelPlural,
    keyPrefix: object.keyPrefix ?? hand?.keyPrefix ?? null,
    custom: false,
    createable: object.createable ?? true,
    updateable: object.updateable ?? true,
    deletable: object.deletable ?? true,
    queryable: object.queryable ?? true,
    storage: hand?.storage ?? 'records',
    fields,
    childRelationships,
  };
}

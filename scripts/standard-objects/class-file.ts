/**
 * A minimal Java class-file reader: the class name, its super class and its fields (name and
 * descriptor), which is all the sobject-types jar encodes an SObject with. Follows the JVM
 * specification, chapter 4 (constant pool tags, field_info); methods and attributes are skipped.
 */

/** One field of a class: `public com.nawforce.runforce.System.Id AccountId` → `{ name: 'AccountId', descriptor: 'Lcom/nawforce/runforce/System/Id;' }`. */
export interface ClassField {
  readonly name: string;
  readonly descriptor: string;
  readonly isStatic: boolean;
}

/** What the generator needs from one class file. */
export interface ClassInfo {
  readonly name: string;
  readonly superName: string | undefined;
  readonly fields: readonly ClassField[];
}

const ACC_STATIC = 0x0008;

/** Parses a class file. Throws on a file that is not one. */
export function readClassFile(bytes: Buffer): ClassInfo {
  let at = 0;
  const u1 = (): number => bytes.readUInt8(at++);
  const u2 = (): number => {
    const v = bytes.readUInt16BE(at);
    at += 2;
    return v;
  };
  const u4 = (): number => {
    const v = bytes.readUInt32BE(at);
    at += 4;
    return v;
  };
  if (u4() !== 0xcafebabe) throw new Error('not a class file');
  u2();
  u2();
  const count = u2();
  const utf8 = new Map<number, string>();
  const classes = new Map<number, number>();
  for (let i = 1; i < count; i++) {
    const tag = u1();
    switch (tag) {
      case 1: {
        const length = u2();
        // Modified UTF-8; the names here are ASCII, so plain UTF-8 decoding is enough.
        utf8.set(i, bytes.toString('utf8', at, at + length));
        at += length;
        break;
      }
      case 7:
        classes.set(i, u2());
        break;
      case 8:
      case 16:
      case 19:
      case 20:
        at += 2;
        break;
      case 15:
        at += 3;
        break;
      case 3:
      case 4:
      case 9:
      case 10:
      case 11:
      case 12:
      case 17:
      case 18:
        at += 4;
        break;
      case 5:
      case 6:
        at += 8;
        i++; // long and double take two slots
        break;
      default:
        throw new Error(`unknown constant pool tag ${tag} at entry ${i}`);
    }
  }
  const className = (index: number): string | undefined => {
    const nameIndex = classes.get(index);
    return nameIndex === undefined ? undefined : utf8.get(nameIndex);
  };
  u2(); // access flags
  const name = className(u2()) ?? '';
  const superName = className(u2());
  const interfaces = u2();
  at += interfaces * 2;
  const fieldCount = u2();
  const fields: ClassField[] = [];
  for (let i = 0; i < fieldCount; i++) {
    const flags = u2();
    const fieldName = utf8.get(u2()) ?? '';
    const descriptor = utf8.get(u2()) ?? '';
    const attributes = u2();
    for (let a = 0; a < attributes; a++) {
      u2();
      const length = u4();
      at += length;
    }
    fields.push({ name: fieldName, descriptor, isStatic: (flags & ACC_STATIC) !== 0 });
  }
  return { name, superName, fields };
}

/**
 * Files, as Salesforce stores them: a `ContentDocument` cannot be created; creating a
 * `ContentVersion` without a `ContentDocumentId` starts a new document, version 1, which holds
 * that version as its latest (`LatestPublishedVersionId`) and whose Id the version then carries.
 * With a `FirstPublishLocationId`, the document is also shared with that record (a
 * `ContentDocumentLink`). Creating a version of an existing document (with its
 * `ContentDocumentId`) is stored as given: Eddy does not renumber versions.
 */
import type { JsonValue } from '../../engine/index.js';

/** What the store writes besides the version itself. */
export interface NewContentDocument {
  /** Values added to the ContentVersion. */
  readonly version: Record<string, JsonValue>;
  /** The new ContentDocument's fields. */
  readonly document: Record<string, JsonValue>;
  /** The ContentDocumentLink's fields (without ContentDocumentId), when the version names a first publish location. */
  readonly link: Record<string, JsonValue> | undefined;
}

/** File types Salesforce derives from common extensions; others are `UNKNOWN`. */
const FILE_TYPES: Readonly<Record<string, string>> = {
  pdf: 'PDF', txt: 'TEXT', csv: 'CSV', html: 'HTML', htm: 'HTML', xml: 'XML', json: 'JSON', png: 'PNG', jpg: 'JPG', jpeg: 'JPEG', gif: 'GIF',
  doc: 'WORD', docx: 'WORD_X', xls: 'EXCEL', xlsx: 'EXCEL_X', ppt: 'POWER_POINT', pptx: 'POWER_POINT_X', zip: 'ZIP', mp4: 'MP4', rtf: 'RTF',
};

/** Whether creating this ContentVersion starts a new document. */
export function startsContentDocument(objectName: string, values: Readonly<Record<string, JsonValue>>): boolean {
  return objectName === 'ContentVersion' && (values.ContentDocumentId ?? null) === null;
}

function byteLength(base64: JsonValue | undefined): number | null {
  if (typeof base64 !== 'string') return null;
  const clean = base64.replace(/\s/g, '');
  return Math.floor((clean.length * 3) / 4) - (clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0);
}

/** The document, the link and the version's system values for a new ContentVersion `versionId`. */
export function newContentDocument(values: Readonly<Record<string, JsonValue>>, versionId: string): NewContentDocument {
  const path = typeof values.PathOnClient === 'string' ? values.PathOnClient : '';
  const dot = path.lastIndexOf('.');
  const extension = dot > 0 ? path.slice(dot + 1).toLowerCase() : null;
  const fileType = extension === null ? 'UNKNOWN' : (FILE_TYPES[extension] ?? 'UNKNOWN');
  const size = byteLength(values.VersionData);
  const file = { FileExtension: extension, FileType: fileType, ContentSize: size };
  const location = values.FirstPublishLocationId;
  return {
    version: { ...file, IsLatest: true, VersionNumber: '1' },
    document: { ...file, Title: values.Title ?? null, Description: values.Description ?? null, LatestPublishedVersionId: versionId, PublishStatus: 'R', IsArchived: false },
    link: typeof location === 'string' && location !== '' ? { LinkedEntityId: location, ShareType: 'I', Visibility: 'AllUsers' } : undefined,
  };
}

/** Conventions shared by every port: ISO date-times and the audit fields. */
/** An ISO-8601 UTC date-time, `YYYY-MM-DDTHH:mm:ss.sssZ` (sorts and compares as text). */
export type IsoDateTime = string;

/** `CreatedDate`, `CreatedById`, `LastModifiedDate`, `LastModifiedById`. */
export interface AuditFields {
  readonly CreatedDate: IsoDateTime;
  readonly CreatedById: string;
  readonly LastModifiedDate: IsoDateTime;
  readonly LastModifiedById: string;
}

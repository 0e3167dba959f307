/** The part of formulon's API these tests use to compare with it (the package ships no types). */
declare module 'formulon' {
  /** A formulon result or parse-tree node. */
  export interface FormulonNode {
    readonly type: string;
    readonly [key: string]: unknown;
  }
  /** Parses a formula into formulon's tree. */
  export function ast(formula: string): FormulonNode;
  /** Evaluates a formula with formulon. */
  export function parse(formula: string, substitutions?: Record<string, unknown>): FormulonNode;
}

// Minimal typings for the parts of the `edtf` package Cairn uses.
declare module 'edtf' {
  interface EDTFValue {
    type: string;
    min: number;
    max: number;
    edtf: string;
    precision?: number;
  }
  export default function edtf(input: string, options?: Record<string, unknown>): EDTFValue;
}

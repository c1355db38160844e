// Offsets into a file's text. Everything inside the core speaks in spans; LSP positions appear only at the boundary (lines.ts).

export interface Span {
  readonly start: number;
  readonly end: number;
}

export function shiftSpan(s: Span, delta: number): Span {
  return delta === 0 ? s : { start: s.start + delta, end: s.end + delta };
}

export function containsOffset(s: Span, offset: number): boolean {
  return offset >= s.start && offset <= s.end;
}

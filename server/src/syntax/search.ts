// The one binary search of the syntax layer: documents by offset, lines by offset, documents by line.

/**
 * The last index whose value is at or before `target` in ascending `values`: at equal values, the last of them (at a
 * boundary, the piece that starts there). 0 when none is, or when `values` is empty.
 */
export function lastAtOrBefore(values: ArrayLike<number>, target: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (values[mid]! <= target) low = mid;
    else high = mid - 1;
  }
  return low;
}

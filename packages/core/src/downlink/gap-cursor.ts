import { ValidationError } from "../errors.js";

/**
 * The cursor of a gap list page: the position of the page's last gap in the adapter's own
 * order (a row id, an index), opaque to callers.
 *
 * @example
 * decodeGapCursor(encodeGapCursor(41)); // 41
 */
export function encodeGapCursor(position: number): string {
  return `g${position.toString(36)}`;
}

/** The position in a cursor from {@link encodeGapCursor}; anything else is a validation error on `cursor`. */
export function decodeGapCursor(cursor: string): number {
  const match = /^g([0-9a-z]{1,11})$/.exec(cursor);
  const position = match ? Number.parseInt(match[1] as string, 36) : Number.NaN;
  if (!Number.isSafeInteger(position)) {
    throw new ValidationError("cursor", "is not a cursor returned by this API", "format");
  }
  return position;
}

import { ValidationError } from "./errors.js";
import type { Instant } from "./types.js";

/** The position after which a list page continues: the last item's creation time and id. */
export interface CursorPosition {
  readonly createdAt: Instant;
  readonly id: string;
}

/** Encodes a list position as an opaque, URL-safe cursor. */
export function encodeCursor(createdAt: Instant, id: string): string {
  return base64url(`${createdAt}~${id}`);
}

/** Decodes a cursor from {@link encodeCursor}; a malformed one is a validation error on `cursor`. */
export function decodeCursor(cursor: string): CursorPosition {
  const text = unbase64url(cursor);
  const match = /^(\d{1,16})~([0-9a-f-]{36})$/.exec(text);
  if (!match) throw new ValidationError("cursor", "is not a cursor returned by this API", "format");
  return { createdAt: Number(match[1]), id: match[2] as string };
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Written out because core has no Buffer (it must run anywhere, including browsers).
function base64url(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i += 3) {
    const a = text.charCodeAt(i);
    const b = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
    const c = i + 2 < text.length ? text.charCodeAt(i + 2) : -1;
    out += ALPHABET[a >> 2];
    out += ALPHABET[((a & 3) << 4) | (b < 0 ? 0 : b >> 4)];
    if (b >= 0) out += ALPHABET[((b & 15) << 2) | (c < 0 ? 0 : c >> 6)];
    if (c >= 0) out += ALPHABET[c & 63];
  }
  return out;
}

function unbase64url(encoded: string): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const ch of encoded) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return "";
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((value >> bits) & 0xff);
    }
  }
  return out;
}

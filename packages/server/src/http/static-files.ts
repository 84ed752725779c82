import { stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";

/** A file that may be served. */
export interface StaticFile {
  readonly path: string;
  readonly size: number;
  readonly modified: Date;
  /** The extension, for the content type (`.js`, `.css`, `.html`). */
  readonly extension: string;
}

/**
 * Read-only access to a folder of static files by URL path. A path that is not valid
 * percent-encoding, holds `..`, a dotfile segment, a backslash or a NUL, or resolves outside the
 * folder is simply not found: no directory traversal, no hidden files, no listings.
 *
 * @example
 * const file = await new StaticFiles("/srv/public").find("/js/app.js");
 */
export class StaticFiles {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The file a URL path names, or null when there is none to serve. */
  async find(urlPath: string): Promise<StaticFile | null> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    if (decoded.includes("\0") || decoded.includes("\\")) return null;
    const segments = decoded.split("/").filter((s) => s !== "");
    if (segments.some((s) => s.startsWith("."))) return null;
    const path = resolve(this.root, ...segments);
    if (!path.startsWith(this.root + sep)) return null;
    try {
      const info = await stat(path);
      if (!info.isFile()) return null;
      return { path, size: info.size, modified: info.mtime, extension: extname(path) };
    } catch {
      return null;
    }
  }
}

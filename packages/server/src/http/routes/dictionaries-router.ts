import Router from "@koa/router";
import type { DictionaryCatalog, StoredDictionary } from "@uplink/core";
import { readJsonBody } from "../read-json-body.js";
import { RequestValidationError } from "../request-validation-error.js";
import { formatInstant } from "../wire/telecommand-wire.js";

/** What the dictionary routes need. */
export interface DictionariesRouterDeps {
  readonly dictionaries: DictionaryCatalog;
  readonly maxDictionaryBytes: number;
}

/** A mission's dictionary on the wire: its version and when it was put, and the document. */
export function toWireDictionary(stored: StoredDictionary) {
  return {
    mission: stored.mission,
    version: stored.version,
    updatedAt: formatInstant(stored.updatedAt),
    dictionary: stored.dictionary,
  };
}

const MAX_MISSION_LENGTH = 256;

/**
 * `/api/missions/:mission/dictionary` (SPEC §9): `PUT` replaces the mission's dictionary with a
 * whole, valid one (else 400 naming the place, the previous one kept); `GET` reads it (404 when
 * the mission has none).
 */
export function dictionariesRouter({ dictionaries, maxDictionaryBytes }: DictionariesRouterDeps): Router {
  const router = new Router({ prefix: "/api/missions/:mission/dictionary" });

  router.put("/", async (ctx) => {
    const mission = missionOf(ctx.params.mission);
    const document = await readJsonBody(ctx, maxDictionaryBytes);
    ctx.body = toWireDictionary(await dictionaries.put(mission, document));
  });

  router.get("/", async (ctx) => {
    const mission = missionOf(ctx.params.mission);
    const stored = await dictionaries.get(mission);
    if (stored === null) ctx.throw(404, `mission ${mission} has no dictionary`);
    else ctx.body = toWireDictionary(stored);
  });

  return router;
}

function missionOf(raw: string | undefined): string {
  const mission = (raw ?? "").trim();
  if (mission === "" || mission.length > MAX_MISSION_LENGTH) {
    throw RequestValidationError.of("mission", `must be 1 to ${MAX_MISSION_LENGTH} characters`, "length");
  }
  return mission;
}

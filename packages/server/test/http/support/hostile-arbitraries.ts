import fc from "fast-check";

/** Code points that can be stored but have tripped parsers and encoders: controls, astral, BOM, noncharacters. */
const exoticUnit: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 0x01, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x7f, max: 0x9f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
  fc.constantFrom(
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\u2028",
    "\u2029",
    "\\",
    '"',
    "'",
    "%00",
    "é",
    "\ud83d\ude80",
  ),
  fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
);

/** What PostgreSQL cannot store: NUL, and lone high or low surrogates. */
const unstorableUnit: fc.Arbitrary<string> = fc.oneof(
  fc.constant("\u0000"),
  fc.integer({ min: 0xd800, max: 0xdbff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xdc00, max: 0xdfff }).map((c) => String.fromCharCode(c)),
);

/** Storable strings made of every class of code point except the unstorable ones. */
const exoticString = fc.array(exoticUnit, { maxLength: 12 }).map((units) => units.join(""));

/**
 * Strings mixing every class of code point: mostly storable (so that requests get through to
 * storage), now and then holding NUL or a lone surrogate.
 */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: exoticString, weight: 10 },
  {
    arbitrary: fc
      .array(fc.oneof({ arbitrary: exoticUnit, weight: 3 }, unstorableUnit), { minLength: 1, maxLength: 12 })
      .map((units) => units.join("")),
    weight: 2,
  },
  { arbitrary: fc.string({ unit: "binary", maxLength: 12 }), weight: 1 },
);

/** Arbitrary JSON whose strings and keys are hostile. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    hostileString,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0, 2 ** 53 + 2, 1e300),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(hostileString, tie("value"), { maxKeys: 4 }),
  ),
})).value;

/**
 * JSON text nested `depth` levels of arrays or objects around a value: from a few levels to
 * thousands, within a 64 KiB body.
 */
export const deepJsonText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 80, max: 6_000 })),
    fc.constantFrom("array", "object", "mixed"),
    hostileJson,
  )
  .map(([depth, shape, inner]) => {
    let open = "";
    let close = "";
    for (let i = 0; i < depth; i++) {
      const array = shape === "array" || (shape === "mixed" && i % 2 === 0);
      open += array ? "[" : '{"d":';
      close = (array ? "]" : "}") + close;
    }
    return `${open}${JSON.stringify(inner)}${close}`;
  });

/** A JSON text that is either arbitrary hostile JSON or deeply nested. */
const anyJsonText = fc.oneof(
  { arbitrary: hostileJson.map((v) => JSON.stringify(v)), weight: 4 },
  { arbitrary: deepJsonText, weight: 2 },
  // Numbers JSON.parse reads as Infinity, and -0.
  { arbitrary: fc.constantFrom("1e400", "-1e400", "-0", "1E-400"), weight: 1 },
);

/** Splices JSON texts into a template of fields: `{"a":TEXT,…}`. */
function objectText(fields: Record<string, string | undefined>): string {
  const parts = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([k, v]) => `${JSON.stringify(k)}:${v}`);
  return `{${parts.join(",")}}`;
}

/** A field present two times in three. */
const maybe = (text: fc.Arbitrary<string>) => fc.option(text, { nil: undefined, freq: 3 });
/** A field present one time in ten. */
const rarely = (text: fc.Arbitrary<string>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 9 }, { arbitrary: text, weight: 1 });
/** A field's text: usually the valid one, now and then anything. */
const mostly = (valid: fc.Arbitrary<string>, other: fc.Arbitrary<string>) =>
  fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: other, weight: 1 });
const quoted = (s: string) => JSON.stringify(s);

/** Submission bodies: nearly valid ones with hostile fields, and anything at all. */
export const submissionBody: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({
        name: mostly(fc.constant('"PING"'), fc.oneof(hostileString.map(quoted), anyJsonText)),
        spacecraftId: maybe(mostly(fc.constant('"sc-1"'), hostileString.map(quoted))),
        args: maybe(
          fc.oneof(
            {
              arbitrary: fc
                .dictionary(hostileString, hostileJson, { maxKeys: 4 })
                .map((v) => JSON.stringify(v)),
              weight: 4,
            },
            deepJsonText.map((deep) => `{"deep":${deep}}`),
            anyJsonText.map((v) => `{"v":${v}}`),
            anyJsonText,
          ),
        ),
        priority: maybe(mostly(fc.constant("5"), anyJsonText)),
        notBefore: maybe(mostly(fc.constant('"2030-01-01T00:00:00Z"'), hostileString.map(quoted))),
        extra: rarely(anyJsonText),
      })
      .map(objectText),
  },
  { arbitrary: anyJsonText, weight: 1 },
);

/** One downlink frame's text: the fields of SPEC §3, each sometimes hostile. */
const frameText: fc.Arbitrary<string> = fc
  .record({
    spacecraftId: mostly(fc.constant('"sc-1"'), hostileString.map(quoted)),
    seq: mostly(fc.integer({ min: 1, max: 1_000_000 }).map(String), anyJsonText),
    time: maybe(
      mostly(fc.constant('"2030-01-01T00:00:00Z"'), fc.oneof(hostileString.map(quoted), anyJsonText)),
    ),
    type: mostly(fc.constantFrom('"acceptance"', '"completion"', '"telemetry"'), hostileString.map(quoted)),
    commandId: mostly(fc.uuid().map(quoted), hostileString.map(quoted)),
    success: mostly(fc.constantFrom("true", "false"), anyJsonText),
    reason: maybe(mostly(hostileString.map(quoted), anyJsonText)),
    parameters: mostly(
      fc
        .dictionary(hostileString, fc.oneof(hostileString, fc.double({ noNaN: true }), fc.boolean()), {
          maxKeys: 4,
        })
        .map((v) => JSON.stringify(v)),
      anyJsonText,
    ),
    extra: maybe(
      mostly(
        hostileJson.map((v) => JSON.stringify(v)),
        anyJsonText,
      ),
    ),
  })
  .map(objectText);

/** Downlink bodies: one frame, an array of frames, or anything at all. */
export const downlinkBody: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: frameText, weight: 3 },
  {
    arbitrary: fc.array(frameText, { minLength: 1, maxLength: 5 }).map((frames) => `[${frames.join(",")}]`),
    weight: 3,
  },
  { arbitrary: anyJsonText, weight: 1 },
);

/** How telemetry values read in the fleet and spacecraft views. */

/**
 * A value with its unit: numbers rounded to what a display needs (the title keeps it whole).
 * @param {unknown} value
 * @param {string | null} [unit]
 */
export function formatValue(value, unit = null) {
  let text;
  if (typeof value === "number")
    text = Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
  else text = String(value);
  return unit ? `${text} ${unit}` : text;
}

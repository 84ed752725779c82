import { ConfigError } from "@uplink/core";
import { describe, expect, it } from "vitest";
import { DEFAULTS, ENVIRONMENT_NAMES, loadConfig } from "../../src/config.js";

const CWD = "/srv/uplink";

function load(env: Record<string, string> = {}, argv: string[] = []) {
  return loadConfig(argv, env, CWD);
}

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("applies the defaults of SPEC §6 when nothing is set", () => {
    const config = load();
    expect(config).toMatchObject({
      role: "all",
      port: 8080,
      host: "127.0.0.1",
      databaseUrl: null,
      dataDir: "/srv/uplink/.uplink",
      transmitDelayMaxMs: 30_000,
      failureRate: 0.15,
      contacts: "always",
      seed: null,
      spacecraftUrl: null,
      logLevel: "info",
    });
  });

  it("lists exactly the environment names of SPEC §6", () => {
    expect([...ENVIRONMENT_NAMES].sort()).toEqual(
      [
        "PORT",
        "HOST",
        "DATABASE_URL",
        "UPLINK_DATA_DIR",
        "UPLINK_TRANSMIT_DELAY_MAX_MS",
        "UPLINK_ACK_DELAY_MAX_MS",
        "UPLINK_EXEC_DELAY_MAX_MS",
        "UPLINK_ACK_TIMEOUT_MS",
        "UPLINK_EXEC_TIMEOUT_MS",
        "UPLINK_FAILURE_RATE",
        "UPLINK_CONTACTS",
        "UPLINK_STATIONS",
        "UPLINK_SEED",
        "UPLINK_SPACECRAFT_URL",
        "UPLINK_LINK_TIMEOUT_MS",
        "UPLINK_DOWNLINK_GAP_TIMEOUT_MS",
        "LOG_LEVEL",
        "UPLINK_SPACECRAFT",
        "UPLINK_TELEMETRY_RETENTION",
        "UPLINK_SPACECRAFT_MISSIONS",
        "UPLINK_HK_INTERVAL_MS",
        "UPLINK_SAFE_MODE_MEAN_MS",
        "UPLINK_DICTIONARY",
        "UPLINK_ADMIN_TOKEN",
        "UPLINK_DOWNLINK_TOKEN",
      ].sort(),
    );
  });

  it("reads every variable", () => {
    const config = load({
      PORT: "9000",
      HOST: "0.0.0.0",
      DATABASE_URL: "postgres://postgres@db:5432/uplink",
      UPLINK_DATA_DIR: "/var/lib/uplink",
      UPLINK_TRANSMIT_DELAY_MAX_MS: "0",
      UPLINK_ACK_DELAY_MAX_MS: "0",
      UPLINK_EXEC_DELAY_MAX_MS: "0",
      UPLINK_ACK_TIMEOUT_MS: "1000",
      UPLINK_EXEC_TIMEOUT_MS: "2000",
      UPLINK_FAILURE_RATE: "0",
      UPLINK_CONTACTS: "periodic:90m/10m@5m",
      UPLINK_STATIONS: "Kiruna:67.86,20.96,0.4,5;Svalbard:78.23,15.41,0.5,5",
      UPLINK_SEED: "42",
      UPLINK_SPACECRAFT_URL: "http://127.0.0.1:9100/",
      UPLINK_LINK_TIMEOUT_MS: "250",
      UPLINK_DOWNLINK_GAP_TIMEOUT_MS: "0",
      LOG_LEVEL: "warn",
    });
    expect(config).toEqual({
      ...DEFAULTS,
      port: 9000,
      host: "0.0.0.0",
      databaseUrl: "postgres://postgres@db:5432/uplink",
      dataDir: "/var/lib/uplink",
      transmitDelayMaxMs: 0,
      ackDelayMaxMs: 0,
      execDelayMaxMs: 0,
      ackTimeoutMs: 1000,
      execTimeoutMs: 2000,
      failureRate: 0,
      contacts: "periodic:90m/10m@5m",
      stations: "Kiruna:67.86,20.96,0.4,5;Svalbard:78.23,15.41,0.5,5",
      seed: 42,
      spacecraftUrl: "http://127.0.0.1:9100",
      linkTimeoutMs: 250,
      downlinkGapTimeoutMs: 0,
      logLevel: "warn",
    });
  });

  it("lets flags win over the environment", () => {
    const config = load({ PORT: "9000", LOG_LEVEL: "warn" }, ["serve", "--port", "0", "--role", "sender"]);
    expect(config.port).toBe(0);
    expect(config.role).toBe("sender");
    expect(config.logLevel).toBe("warn");
  });

  it("takes the PostgreSQL schema from DATABASE_URL's schema parameter", () => {
    const config = load({
      DATABASE_URL: "postgres://postgres@db:5432/uplink?schema=uplink_test_1&sslmode=disable",
    });
    expect(config.databaseUrl).toBe("postgres://postgres@db:5432/uplink?sslmode=disable");
    expect(config.databaseSchema).toBe("uplink_test_1");
    expect(load({ DATABASE_URL: "postgres://db/uplink?schema=s1" }).databaseUrl).toBe("postgres://db/uplink");
    expect(errorOf(() => load({ DATABASE_URL: "postgres://db/uplink?schema=Bad-Name" })).details.name).toBe(
      "DATABASE_URL",
    );
  });

  it("treats an empty variable as unset", () => {
    expect(load({ PORT: "", DATABASE_URL: "" })).toMatchObject({ port: 8080, databaseUrl: null });
  });

  it.each([
    ["PORT", "http", "an integer from 0 to 65535"],
    ["PORT", "70000", "an integer from 0 to 65535"],
    ["PORT", "80.5", "an integer from 0 to 65535"],
    ["UPLINK_TRANSMIT_DELAY_MAX_MS", "-1", "an integer from 0"],
    ["UPLINK_ACK_TIMEOUT_MS", "1e3", "an integer from 0"],
    ["UPLINK_FAILURE_RATE", "1.5", "a number from 0 to 1"],
    ["UPLINK_FAILURE_RATE", "abc", "a number from 0 to 1"],
    ["UPLINK_SEED", "-3", "an integer from 0 to 4294967295"],
    ["DATABASE_URL", "mysql://x", "a URL starting with postgres:// or postgresql://"],
    ["UPLINK_SPACECRAFT_URL", "not a url", "a URL starting with http:// or https://"],
    ["LOG_LEVEL", "loud", "one of fatal, error, warn, info, debug, trace, silent"],
    ["UPLINK_CONTACTS", "sometimes", "always | periodic:PERIOD/DURATION[@OFFSET]"],
    ["UPLINK_CONTACTS", "periodic:90m/2h", "always | periodic:PERIOD/DURATION[@OFFSET]"],
    ["HOST", "   ", "a non-empty value"],
    ["UPLINK_STATIONS", "Kiruna:67.8,20.9", "NAME:LAT,LON,ALT_KM,MIN_EL_DEG"],
    ["UPLINK_SPACECRAFT", "sc-1,bad id", "ID[,ID…]"],
    ["UPLINK_SPACECRAFT", "sc-1,,sc-2", "ID[,ID…]"],
    ["UPLINK_SPACECRAFT_MISSIONS", "sat-1", "ID=MISSION[,ID=MISSION…]"],
    ["UPLINK_SPACECRAFT_MISSIONS", "sat-1=orbit=x", "ID=MISSION[,ID=MISSION…]"],
    ["UPLINK_SPACECRAFT_MISSIONS", "bad id=orbit", "ID=MISSION[,ID=MISSION…]"],
    ["UPLINK_TELEMETRY_RETENTION", "a week", "a duration such as"],
    ["UPLINK_TELEMETRY_RETENTION", "0s", "longer than 0"],
  ])("refuses %s=%s with one line naming it", (name, raw, accepts) => {
    const error = errorOf(() => load({ [name]: raw }));
    expect(error.message).toContain(name);
    expect(error.message).toContain(accepts);
    expect(error.message).not.toContain("\n");
    expect(error.details.name).toBe(name);
  });

  it("reads the fleet's settings: spacecraft ids, telemetry retention (default 7 days)", () => {
    expect(load({}).telemetryRetentionMs).toBe(7 * 86_400_000);
    const config = load({ UPLINK_SPACECRAFT: " sat-a , sat-b,sat-a", UPLINK_TELEMETRY_RETENTION: "36h" });
    expect(config.spacecraft).toEqual(["sat-a", "sat-b"]);
    expect(config.telemetryRetentionMs).toBe(36 * 3_600_000);
  });

  it("reads each uplink spacecraft's mission (default: the demo fleet's)", () => {
    expect(load({}).spacecraftMissions).toEqual({ "demo-1": "demo", "demo-2": "demo" });
    expect(load({ UPLINK_SPACECRAFT_MISSIONS: " sat-1 = orbit ,sat-2=demo" }).spacecraftMissions).toEqual({
      "sat-1": "orbit",
      "sat-2": "demo",
    });
    expect(load({}, ["--spacecraft-missions", "sat-3=orbit"]).spacecraftMissions).toEqual({
      "sat-3": "orbit",
    });
  });

  it("names the flag when a flag is bad", () => {
    const error = errorOf(() => load({}, ["--role", "ground"]));
    expect(error.message).toBe('--role="ground" is not valid: expected one of api, sender, spacecraft, all');
  });

  it("refuses an unknown flag, listing the known ones", () => {
    const error = errorOf(() => load({}, ["--prot", "1"]));
    expect(error.message).toMatch(/^unknown flag --prot: expected one of --role, --port/);
  });
});

describe("loadConfig: the tokens of SPEC §10", () => {
  const token = "a-token-of-thirty-two-characters-0";

  it("takes UPLINK_ADMIN_TOKEN and UPLINK_DOWNLINK_TOKEN of at least 32 characters, and none by default", () => {
    expect(loadConfig([], {})).toMatchObject({ adminToken: null, downlinkToken: null });
    const config = loadConfig([], { UPLINK_ADMIN_TOKEN: token, UPLINK_DOWNLINK_TOKEN: `${token}x` });
    expect(config).toMatchObject({ adminToken: token, downlinkToken: `${token}x` });
  });

  it.each([
    ["UPLINK_ADMIN_TOKEN", "short-secret-value", "it has 18"],
    ["UPLINK_DOWNLINK_TOKEN", "thirty-two characters but with spaces in it", "other characters"],
  ])("refuses %s=%j with one line that names it and never shows the value", (name, value, why) => {
    let error: unknown;
    try {
      loadConfig([], { [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(`${name} is not valid: expected at least 32 characters`);
    expect(message).toContain(why);
    expect(message).not.toContain(value);
    expect(message).not.toContain("\n");
  });

  it("refuses the same token for both users, and takes no token as a flag", () => {
    expect(() => loadConfig([], { UPLINK_ADMIN_TOKEN: token, UPLINK_DOWNLINK_TOKEN: token })).toThrow(
      /UPLINK_DOWNLINK_TOKEN is not valid: expected a token other than UPLINK_ADMIN_TOKEN/,
    );
    expect(() => loadConfig(["--admin-token", token], {})).toThrow(/unknown flag --admin-token/);
  });
});

import { StorageUnavailableError, ValidationError } from "@uplink/core";
import { describe, expect, it } from "vitest";
import {
  isConnectionError,
  toStorageError,
  withStorage,
} from "../../../src/adapters/postgres/storage-errors.js";

const withCode = (code: string, message = "failed") => Object.assign(new Error(message), { code });

describe("storage error mapping", () => {
  it.each([
    ["a refused connection", withCode("ECONNREFUSED")],
    ["both addresses refused", new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")])],
    ["an administrator shutdown", withCode("57P01", "terminating connection due to administrator command")],
    ["a server starting up", withCode("57P03", "the database system is starting up")],
    ["a connection exception class", withCode("08006")],
    ["a dropped socket", new Error("Connection terminated unexpectedly")],
    [
      "a pool that cannot hand out a connection",
      Object.assign(new Error("Knex: Timeout acquiring a connection"), { name: "KnexTimeoutError" }),
    ],
  ])("maps %s to StorageUnavailableError", (_, error) => {
    expect(isConnectionError(error)).toBe(true);
    const mapped = toStorageError(error);
    expect(mapped).toBeInstanceOf(StorageUnavailableError);
    expect((mapped as StorageUnavailableError).details.cause).not.toBe("");
  });

  it.each([
    ["a syntax error", withCode("42601", "syntax error at or near")],
    ["a unique violation", withCode("23505", "duplicate key value")],
    ["a domain error", new ValidationError("cursor", "bad")],
    ["a thrown string", "boom"],
  ])("passes %s through unchanged", (_, error) => {
    expect(isConnectionError(error)).toBe(false);
    expect(toStorageError(error)).toBe(error);
  });

  it("retries an operation that lost a deadlock, and only that", async () => {
    let calls = 0;
    const result = await withStorage(async () => {
      calls++;
      if (calls < 3) throw withCode("40P01", "deadlock detected");
      return "done";
    });
    expect([result, calls]).toEqual(["done", 3]);
    let failures = 0;
    const failing = withStorage(async () => {
      failures++;
      throw withCode("23505");
    });
    await expect(failing).rejects.toMatchObject({ code: "23505" });
    expect(failures).toBe(1);
  });
});

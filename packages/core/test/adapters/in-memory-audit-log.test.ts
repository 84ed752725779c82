import { InMemoryAuditLog } from "../../src/adapters/in-memory-audit-log.js";
import { runAuditLogContract } from "../../src/testing/index.js";

runAuditLogContract("InMemoryAuditLog", () => {
  const log = new InMemoryAuditLog();
  return { log, peer: log };
});

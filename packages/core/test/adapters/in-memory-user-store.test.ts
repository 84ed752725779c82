import { InMemoryUserStore } from "../../src/adapters/in-memory-user-store.js";
import { runUserStoreContract } from "../../src/testing/index.js";

runUserStoreContract("InMemoryUserStore", () => {
  const store = new InMemoryUserStore();
  // Its storage is the instance: a peer is the instance itself.
  return { store, peer: store };
});

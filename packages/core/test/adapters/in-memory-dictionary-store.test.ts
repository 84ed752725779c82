import { InMemoryDictionaryStore } from "../../src/adapters/in-memory-dictionary-store.js";
import { runDictionaryStoreContract } from "../../src/testing/dictionary-store-contract.js";

runDictionaryStoreContract("InMemoryDictionaryStore", () => {
  const store = new InMemoryDictionaryStore();
  return { store, peer: store };
});

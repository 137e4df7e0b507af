import { storeContract } from "./contract/storeContract.js"
import { sqliteStore } from "./utils/stores.js"

storeContract("SQLite (synchronous = FULL)", () => sqliteStore())
storeContract("SQLite (synchronous = NORMAL)", () => sqliteStore({ synchronous: "NORMAL" }))

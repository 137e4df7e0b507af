import { describe } from "@effect/vitest"
import { storeContract } from "./contract/storeContract.js"
import { checkPostgres, postgresStore } from "./utils/stores.js"

describe.runIf(checkPostgres("Store contract: PostgreSQL"))("PostgreSQL", () => {
  storeContract("PostgreSQL", postgresStore)
})

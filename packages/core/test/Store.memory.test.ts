import { storeContract } from "./contract/storeContract.js"
import { memoryStore } from "./utils/stores.js"

storeContract("in memory", memoryStore)

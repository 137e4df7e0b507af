import { assert, describe, it } from "@effect/vitest"
import * as path from "node:path"
import * as SqlClient from "@effect/sql/SqlClient"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Commands from "../src/Commands.js"
import { CommandId } from "../src/Ids.js"
import { ItemCommand } from "../src/ItemCommand.js"
import * as Queries from "../src/Queries.js"
import * as Sqlite from "../src/Sqlite.js"
import { ids } from "./utils/fixtures.js"
import { tempDir } from "./utils/stores.js"
import { seedTeam } from "./utils/team.js"

const submit = (workspace: Parameters<typeof Queries.item>[0]) =>
  Commands.handle({
    workspace,
    commandId: CommandId.make("c1"),
    actor: ids.ola,
    item: ids.item,
    command: ItemCommand.SubmitIdea({ title: "Ny fiskerihavn", pitch: "", goals: [], concerns: [] })
  })

describe("Sqlite", () => {
  it.live("GIVEN a new file WHEN opened THEN WAL and synchronous FULL are on by default, NORMAL when asked", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const pragmas = Effect.gen(function*() {
        const sql = yield* SqlClient.SqlClient
        const [journal] = yield* sql<{ readonly journal_mode: string }>`PRAGMA journal_mode`
        const [sync] = yield* sql<{ readonly synchronous: number }>`PRAGMA synchronous`
        return [journal?.journal_mode, sync?.synchronous]
      })
      const full = yield* pragmas.pipe(Effect.provide(Sqlite.layer({ filename: path.join(dir, "a.db") })))
      assert.deepStrictEqual(full, ["wal", 2])
      const normal = yield* pragmas.pipe(
        Effect.provide(Sqlite.layer({ filename: path.join(dir, "b.db"), synchronous: "NORMAL" }))
      )
      assert.deepStrictEqual(normal, ["wal", 1])
    }).pipe(Effect.scoped))

  it.live("GIVEN data in a file WHEN the store is closed and opened again THEN everything is still there", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const filename = path.join(dir, "dugnad.db")
      const workspace = yield* Effect.gen(function*() {
        const workspace = yield* seedTeam()
        yield* submit(workspace)
        return workspace
      }).pipe(Effect.provide(Sqlite.layer({ filename })))
      const view = yield* Queries.item(workspace, ids.item).pipe(Effect.provide(Sqlite.layer({ filename })))
      assert.strictEqual(view.state._tag, "Idea")
    }).pipe(Effect.scoped))

  it.live("GIVEN a database in use WHEN backed up THEN the copy opens as a store with the same data", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const copy = path.join(dir, "backup.db")
      const workspace = yield* Effect.gen(function*() {
        const workspace = yield* seedTeam()
        yield* submit(workspace)
        yield* Sqlite.backup(copy)
        return workspace
      }).pipe(Effect.provide(Sqlite.layer({ filename: path.join(dir, "dugnad.db") })))
      const view = yield* Queries.item(workspace, ids.item).pipe(Effect.provide(Sqlite.layer({ filename: copy })))
      assert.strictEqual(view.state._tag, "Idea")
    }).pipe(Effect.scoped))

  it.live("GIVEN a path that cannot be a database WHEN opened THEN a typed StoreUnavailable naming the file", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const bad = path.join(dir, "no", "such", "dir", "dugnad.db")
      const result = yield* Effect.either(
        Layer.build(Sqlite.layer({ filename: bad })).pipe(Effect.scoped)
      )
      assert.isTrue(Either.isLeft(result))
      if (Either.isLeft(result)) {
        assert.strictEqual(result.left._tag, "StoreUnavailable")
        assert.strictEqual(result.left.location, bad)
      }
    }).pipe(Effect.scoped))
})

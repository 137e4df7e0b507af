/**
 * Until `@dugnad/core/ChatCommands` lands: the same shapes, and a few subcommands answered here
 * (`idea submit`, `show`, `board`). Removed when the core's module is on main.
 *
 * @internal
 */
import * as ChatView from "@dugnad/core/ChatView"
import type * as Directory from "@dugnad/core/Directory"
import type { EventStore } from "@dugnad/core/EventStore"
import { ItemId, type MemberId } from "@dugnad/core/Ids"
import type { MeetingStore } from "@dugnad/core/MeetingStore"
import type { Locale, Member, Workspace } from "@dugnad/core/Member"
import type * as Messages from "@dugnad/core/Messages"
import * as Queries from "@dugnad/core/Queries"
import type { ReadModel } from "@dugnad/core/ReadModel"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"

export type Reply =
  | { readonly _tag: "Message"; readonly view: ChatView.ChatView; readonly ephemeral: boolean }
  | { readonly _tag: "Form"; readonly form: ChatView.ChatForm }
  | { readonly _tag: "Choices"; readonly choices: ReadonlyArray<{ readonly name: string; readonly value: string }> }

export type Services = Directory.Directory | EventStore | ReadModel | MeetingStore

export interface Session {
  readonly workspace: Workspace
  readonly member: Member
  readonly locale: Locale
  readonly context: Messages.RenderContext
  readonly platform: string
  readonly command: (path: ReadonlyArray<string>) => string
}

export interface Person {
  readonly id: MemberId
  readonly name: string
  readonly handle: (taken: ReadonlySet<string>) => string
}

export interface Request {
  readonly id: string
  readonly path: ReadonlyArray<string>
  readonly text: (name: string) => string | undefined
  readonly integer: (name: string) => number | undefined
  readonly members: (names: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<Member>, Messages.DugnadError, Services>
  readonly channel: (name: string) => string | undefined
  readonly person: (name: string) => Person | undefined
}

const notice = (view: ChatView.ChatView): Reply => ({ _tag: "Message", view, ephemeral: true })

export const handle = (session: Session, request: Request): Effect.Effect<Reply, never, Services> =>
  Effect.gen(function*() {
    const item = ItemId.make((request.text("item") ?? "none").toLowerCase())
    switch (request.path.join(" ")) {
      case "idea submit":
        return { _tag: "Form", form: ChatView.form({ _tag: "submitIdea" }, session.locale)! } satisfies Reply
      case "show": {
        const found = yield* Effect.either(Queries.item(session.workspace.id, item))
        return Either.isLeft(found)
          ? notice(ChatView.errorView(found.left, session.locale, session.context))
          : notice(ChatView.itemView(found.right, session.locale, session.context, session.member))
      }
      case "board": {
        const board = yield* Effect.either(Queries.board(session.workspace.id))
        return Either.isLeft(board)
          ? notice(ChatView.errorView(board.left, session.locale, session.context))
          : notice(ChatView.boardView(board.right, session.locale))
      }
      default:
        return notice({ title: "Not yet", body: "Not on Mattermost yet.", fields: [], actions: [], tone: "warning", mentions: [] })
    }
  })

/**
 * The timers that keep the process moving: meeting reminders and summaries, review reminders and
 * overdue notices, and result check-ins after publication. Nothing is stored about a timer itself:
 * each tick derives what is due from stored state (items, posts, meeting series, workspace
 * settings) and offers the messages to the outbox, whose ids name the occasion
 * (`review-due/<ws>/<item>/<due>` …). The outbox takes an occasion once, so a timer fires once
 * however many ticks, restarts and processes offer it.
 *
 * **Each timer fires in a window**, from its time until the moment it stops being useful, and only
 * in that window: a meeting reminder until the meeting starts, the "due soon" reminder until the
 * due time (then the overdue notice takes over), a check-in until the next one is due. After
 * downtime a tick therefore sends what is still useful, at most one message per occasion, never a
 * backlog of stale ones; `catchUp` bounds how late the last timer of a kind may still fire, and
 * `limit` how many new occasions one tick sends (the rest go in the next tick).
 *
 * Time comes from Effect's `Clock` (tests run on `TestClock`). With several processes, run it
 * under the `Lease` (`run` does), so one process ticks at a time.
 *
 * @since 0.1.0
 */
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import { Directory } from "./Directory.js"
import { EventStore } from "./EventStore.js"
import type { MemberId } from "./Ids.js"
import { missingApprovals, workOf } from "./Item.js"
import { withLease } from "./Lease.js"
import { fold as foldMeeting, seriesOf } from "./Meeting.js"
import { invited, messagesFor, reminderFor, summaryFor } from "./Meetings.js"
import { MeetingStore } from "./MeetingStore.js"
import type { ReminderPolicy, Workspace } from "./Member.js"
import { type Audience, Reminder } from "./Notification.js"
import { Outbox } from "./Outbox.js"
import { ReadModel } from "./ReadModel.js"
import { occurrences, previous } from "./Recurrence.js"
import { fold } from "./Workflow.js"

/**
 * How the scheduler behaves.
 *
 * @since 0.1.0
 * @category configuration
 */
export interface SchedulerOptions {
  /** How late an overdue notice, a last check-in or a meeting summary may still go out (default 7 days). */
  readonly catchUp?: Duration.DurationInput | undefined
  /** At most this many occasions per tick (default 100). */
  readonly limit?: number | undefined
  /** How long after an occurrence ends its summary goes out (default 1 hour). */
  readonly summaryDelay?: Duration.DurationInput | undefined
}

/**
 * The defaults when a workspace says nothing: reviewers are reminded a day before the due time,
 * and the advisor is asked for results 2 and 7 days after publication.
 *
 * @since 0.1.0
 * @category configuration
 */
export const defaults = {
  reviewReminder: { hoursBefore: 24 } as ReminderPolicy,
  checkInDays: [2, 7] as ReadonlyArray<number>
} as const

/** One occasion that is due: its messages, and when it became due (older first). */
interface Due {
  readonly at: number
  readonly messages: ReadonlyArray<Reminder>
}

const inWindow = (now: number, from: number, until: number) => from <= now && now < until

const audience = (members: ReadonlyArray<MemberId>): Audience | undefined => {
  const unique = [...new Set(members)]
  return unique.length === 0 ? undefined : { _tag: "Members", members: [unique[0]!, ...unique.slice(1)] }
}

/** Review reminders and overdue notices for the workspace's items in review. */
const reviewTimers = (workspace: Workspace, now: number, catchUp: number) =>
  Effect.gen(function*() {
    const readModel = yield* ReadModel
    const store = yield* EventStore
    const due: Array<Due> = []
    for (const summary of yield* readModel.board(workspace.id, { stage: "InReview" })) {
      const state = fold((yield* store.readStream(workspace.id, summary.item)).map((entry) => entry.event))
      const work = workOf(state)
      if (state._tag !== "InReview" || work?.due === undefined) continue
      const policy = work.reminder ?? workspace.reviewReminder ?? defaults.reviewReminder
      if (policy === "never") continue
      const missing = missingApprovals(work)
      const pending = audience(missing)
      if (pending === undefined) continue
      const dueAt = work.due.epochMillis
      const before = dueAt - policy.hoursBefore * 3_600_000
      const subject = (overdue: boolean) =>
        ({ _tag: "ReviewDue", item: summary.item, title: summary.title, due: work.due!, overdue }) as const
      if (inWindow(now, before, dueAt)) {
        due.push({
          at: before,
          messages: [
            Reminder.make({
              id: `review-due/${workspace.id}/${summary.item}/${dueAt}`,
              workspace: workspace.id,
              audience: pending,
              subject: subject(false)
            }, true)
          ]
        })
      } else if (inWindow(now, dueAt, dueAt + catchUp)) {
        due.push({
          at: dueAt,
          messages: [
            Reminder.make({
              id: `review-overdue/${workspace.id}/${summary.item}/${dueAt}`,
              workspace: workspace.id,
              audience: audience([...missing, work.owner])!,
              subject: subject(true)
            }, true)
          ]
        })
      }
    }
    return due
  })

/** Check-ins after publication: the latest one due for each post without results since. */
const checkInTimers = (workspace: Workspace, now: number, catchUp: number) =>
  Effect.gen(function*() {
    const readModel = yield* ReadModel
    const days = [...(workspace.checkInDays ?? defaults.checkInDays)].sort((left, right) => left - right)
    const last = days[days.length - 1]
    if (last === undefined) return []
    const since = DateTime.unsafeMake(now - last * 86_400_000 - catchUp)
    const board = yield* readModel.board(workspace.id, {})
    const byItem = new Map(board.map((summary) => [summary.item, summary]))
    const due: Array<Due> = []
    for (const post of yield* readModel.results(workspace.id, { publishedSince: since })) {
      const published = post.publishedAt.epochMillis
      const times = days.map((day) => ({ day, at: published + day * 86_400_000 }))
      let index = -1
      while (index + 1 < times.length && times[index + 1]!.at <= now) index++
      const current = times[index]
      if (current === undefined) continue
      const until = times[index + 1]?.at ?? current.at + catchUp
      if (!inWindow(now, current.at, until)) continue
      if (post.capturedAt !== undefined && post.capturedAt.epochMillis >= current.at) continue
      const summary = byItem.get(post.item)
      const to: Audience = summary?.owner === undefined
        ? { _tag: "Role", role: "advisor" }
        : { _tag: "Members", members: [summary.owner] }
      due.push({
        at: current.at,
        messages: [
          Reminder.make({
            id: `check-in/${workspace.id}/${post.item}/${post.network}/${current.day}`,
            workspace: workspace.id,
            audience: to,
            subject: {
              _tag: "ResultsCheckIn",
              item: post.item,
              title: summary?.title ?? post.item,
              network: post.network,
              publishedAt: post.publishedAt,
              days: current.day
            }
          }, true)
        ]
      })
    }
    return due
  })

/** Meeting reminders before the next occurrence, summaries after the last. */
const meetingTimers = (workspace: Workspace, now: number, catchUp: number, summaryDelay: number) =>
  Effect.gen(function*() {
    const meetings = yield* MeetingStore
    const directory = yield* Directory
    const meetingIds = yield* meetings.list(workspace.id)
    if (meetingIds.length === 0) return []
    const members = yield* directory.members(workspace.id)
    const due: Array<Due> = []
    for (const meeting of meetingIds) {
      const state = foldMeeting((yield* meetings.read(workspace.id, meeting)).map((entry) => entry.event))
      if (state._tag !== "Running") continue
      const series = seriesOf(state)!
      const people = invited(series.invitees, members)
      const [coming] = occurrences(series.schedule, {
        from: DateTime.unsafeMake(now),
        until: DateTime.unsafeMake(now + series.reminderLeadMinutes * 60_000 + 1),
        limit: 1
      })
      if (coming !== undefined) {
        const start = DateTime.toUtc(coming.start).epochMillis
        const at = start - series.reminderLeadMinutes * 60_000
        if (inWindow(now, at, start)) {
          due.push({
            at,
            messages: messagesFor(
              workspace.id,
              series,
              people,
              `meeting-reminder/${workspace.id}/${series.id}/${coming.key}`,
              yield* reminderFor(workspace.id, series, coming)
            )
          })
        }
      }
      const ended = previous(series.schedule, DateTime.unsafeMake(now - summaryDelay))
      if (ended !== undefined) {
        const at = DateTime.toUtc(ended.end).epochMillis + summaryDelay
        if (inWindow(now, at, at + catchUp)) {
          const attended = series.attendance.find((entry) => entry.occurrence === ended.key)?.members ?? []
          due.push({
            at,
            messages: messagesFor(
              workspace.id,
              series,
              [...new Set([...people, ...attended])],
              `meeting-summary/${workspace.id}/${series.id}/${ended.key}`,
              yield* summaryFor(workspace.id, series, ended)
            )
          })
        }
      }
    }
    return due
  })

/**
 * Everything due now in one workspace, oldest first.
 *
 * @since 0.1.0
 * @category scheduling
 */
export const dueIn = (workspace: Workspace, options: SchedulerOptions = {}) =>
  Effect.gen(function*() {
    const now = (yield* DateTime.now).epochMillis
    const catchUp = Duration.toMillis(options.catchUp ?? "7 days")
    const summaryDelay = Duration.toMillis(options.summaryDelay ?? "1 hour")
    const all = [
      ...(yield* reviewTimers(workspace, now, catchUp)),
      ...(yield* checkInTimers(workspace, now, catchUp)),
      ...(yield* meetingTimers(workspace, now, catchUp, summaryDelay))
    ]
    return all.sort((left, right) => left.at - right.at)
  })

/**
 * What one tick did: occasions found due, and messages the outbox took (the rest it had already).
 *
 * @since 0.1.0
 * @category scheduling
 */
export interface TickReport {
  readonly due: number
  readonly enqueued: ReadonlyArray<string>
}

/**
 * One pass over every workspace: offers what is due to the outbox, oldest first, up to `limit`
 * occasions.
 *
 * @since 0.1.0
 * @category scheduling
 */
export const tick = (options: SchedulerOptions = {}) =>
  Effect.gen(function*() {
    const directory = yield* Directory
    const outbox = yield* Outbox
    const limit = options.limit ?? 100
    const due: Array<Due> = []
    for (const workspace of yield* directory.workspaces) due.push(...(yield* dueIn(workspace, options)))
    // Oldest first; occasions the outbox already holds do not count against the limit.
    const enqueued: Array<string> = []
    let taken = 0
    for (const occasion of due.sort((left, right) => left.at - right.at)) {
      if (taken >= limit) break
      const added = yield* outbox.enqueue(occasion.messages)
      if (added.length > 0) taken++
      enqueued.push(...added)
    }
    return { due: due.length, enqueued } satisfies TickReport
  }).pipe(Effect.withSpan("Scheduler.tick"))

/** The lease the schedulers run under. @since 0.1.0 @category scheduling */
export const leaseName = "dugnad-schedulers"

/**
 * Ticks every `every` (default a minute) for as long as it runs, under the scheduler lease: in a
 * process that does not hold it, waits and tries again.
 *
 * @since 0.1.0
 * @category scheduling
 */
export const run = (
  holder: string,
  options: SchedulerOptions & {
    readonly every?: Duration.DurationInput | undefined
    /** How long the lease lasts unless renewed (default 2 minutes; renewed at a third of it). */
    readonly leaseTtl?: Duration.DurationInput | undefined
  } = {}
) => {
  const every = options.every ?? "1 minute"
  const ticking = Effect.forever(Effect.zipRight(tick(options), Effect.sleep(every)))
  return Effect.forever(
    withLease(leaseName, holder, options.leaseTtl ?? "2 minutes", ticking).pipe(
      Effect.flatMap(Option.match({ onNone: () => Effect.sleep(every), onSome: () => Effect.void }))
    )
  )
}

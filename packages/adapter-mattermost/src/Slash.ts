/**
 * A parsed `/dugnad` command line (`CommandLine.Command`) as the core's platform-neutral request
 * (`@dugnad/core/ChatCommands`): its path, its arguments and flags under the option names the
 * core reads, `@user` values as members of the workspace, and the values it carries for the
 * fields of a form the command answers with.
 *
 * Names: a positional argument goes by its placeholder in lower case (`ITEM` → `item`, `TITLE` →
 * `title`, `OBJECTION`, `SUGGESTION`, `MEETING`, `NETWORK`, `TEXT`; `member add`'s `HANDLE` is the
 * core's `user`), a flag by its name; the second and third values of a repeated flag are `name2`,
 * `name3` (`--reviewer @a --reviewer @b` → `reviewer`, `reviewer2`). `review decide`'s `--accept` /
 * `--decline` is the core's `decision`; `meeting schedule`'s `--invite` is `invite-role` for a
 * role and `invite-user` for a person.
 *
 * @since 0.1.0
 */
import type { FieldId, FormValues } from "@dugnad/core/ChatAction"
import type { ChatForm } from "@dugnad/core/ChatView"
import type * as CommandLine from "./CommandLine.js"

/** The core's role names, which `--invite` may give instead of a person. */
const roleNames: ReadonlySet<string> = new Set(["expert", "manager", "advisor", "member"])

/**
 * The command's values by the core's option names (see the module's description).
 *
 * @since 0.1.0
 * @category requests
 */
export const namedValues = (command: CommandLine.Command, spec: CommandLine.CommandSpec): ReadonlyMap<string, CommandLine.Value> => {
  const named = new Map<string, CommandLine.Value>()
  const path = command.path.join(" ")
  spec.args.forEach((argument, index) => {
    const value = command.args[index]
    if (value === undefined) return
    const name = path === "member add" && argument.name === "HANDLE" ? "user" : argument.name.toLowerCase()
    named.set(name, value)
  })
  for (const [flag, values] of command.options) {
    if (path === "review decide" && (flag === "accept" || flag === "decline")) {
      named.set("decision", flag)
      continue
    }
    if (path === "meeting schedule" && flag === "invite") {
      for (const value of values) {
        const name = typeof value === "string" && roleNames.has(value.toLowerCase()) ? "invite-role" : "invite-user"
        if (!named.has(name)) named.set(name, typeof value === "string" && name === "invite-role" ? value.toLowerCase() : value)
      }
      continue
    }
    values.forEach((value, index) => named.set(index === 0 ? flag : `${flag}${index + 1}`, value))
  }
  return named
}

/**
 * The text of a value: a `@user` is its `@username`.
 *
 * @since 0.1.0
 * @category requests
 */
export const textOf = (value: CommandLine.Value | undefined): string | undefined =>
  value === undefined ? undefined : typeof value === "string" ? value : `@${value.username}`

/**
 * The values the command line gave for a form's fields: `TITLE`/`--pitch`/`--department` for an
 * idea, `--claim`/`--correction`, `--note`, `--reason`, `--text` (or `comment`'s text), the
 * networks of `draft write` (comma-separated).
 *
 * @since 0.1.0
 * @category forms
 */
export const formValuesOf = (command: CommandLine.Command, spec: CommandLine.CommandSpec): FormValues => {
  const named = namedValues(command, spec)
  const values: Partial<Record<FieldId, string>> = {}
  const take = (field: FieldId, name: string) => {
    const value = textOf(named.get(name))
    if (value !== undefined && value.trim() !== "") values[field] = value
  }
  take("title", "title")
  take("pitch", "pitch")
  take("department", "department")
  take("claim", "claim")
  take("correction", "correction")
  take("note", "note")
  take("reason", "reason")
  take("text", "text")
  const networks = command.options.get("network")
  if (command.path.join(" ") === "draft write" && networks !== undefined && networks.length > 0) {
    values.networks = networks.map(textOf).join(", ")
  }
  return values
}

/**
 * A form with the given values put in (over its own prefilled ones), each only where it fits.
 *
 * @since 0.1.0
 * @category forms
 */
export const prefill = (form: ChatForm, values: FormValues): ChatForm => ({
  ...form,
  fields: form.fields.map((field) => {
    const given = values[field.id]
    return given === undefined || given.length > field.maxLength ? field : { ...field, value: given }
  })
})

/**
 * The values of a form as it would be submitted untouched (its prefilled values), and whether
 * every required field has one: then the command line said everything, and the form need not open.
 *
 * @since 0.1.0
 * @category forms
 */
export const filled = (form: ChatForm): { readonly values: FormValues; readonly complete: boolean } => {
  const values: Partial<Record<FieldId, string>> = {}
  for (const field of form.fields) {
    if (field.value !== undefined && field.value.trim() !== "") values[field.id] = field.value
  }
  return { values, complete: form.fields.every((field) => !field.required || values[field.id] !== undefined) }
}

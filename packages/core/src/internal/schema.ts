import * as Schema from "effect/Schema"

/** An optional field that is either absent or holds a value (never `undefined`): the stored shape. */
export const exactOptional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

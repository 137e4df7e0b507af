/** Discord's epoch (2015-01-01T00:00:00.000Z), the zero of snowflake timestamps. */
export const DISCORD_EPOCH = 1420070400000n

/** Makes increasing snowflake-like ids: 42 bits of ms since Discord's epoch, then a counter. */
export interface Snowflakes {
  readonly next: () => string
}

export const makeSnowflakes = (): Snowflakes => {
  let counter = 0n
  return {
    next: () => {
      counter = (counter + 1n) & 0x3fffffn
      return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | counter).toString()
    }
  }
}

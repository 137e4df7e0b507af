/**
 * Loads the bundled CLI (one CommonJS file) with a V8 code cache beside it, so a command starts
 * without parsing and compiling the bundle again: on these machines that is most of the start-up
 * left once the CLI loads its code lazily. (Node 22's `module.enableCompileCache()` does this for
 * every module; Node 20, which Dugnad supports, has only `vm.Script`'s `cachedData`.)
 *
 * The cache file starts with a line naming the bundle it was made from: its build id (a last line
 * `//# build-id=…` the build appends, a hash of the content, which survives npm setting every
 * file's time), else its size and modification time. V8 itself only checks the source's length,
 * so a cache of an earlier build of the same length would otherwise be taken. A missing, stale or
 * rejected cache (another Node version, other V8 flags) costs one slower start: the cache is
 * written anew when that process ends, if the folder is writable.
 */
import * as fs from "node:fs"
import Module from "node:module"
import * as path from "node:path"
import * as vm from "node:vm"

/** A loaded bundle: its exports, and the script, for {@link writeCodeCache}. */
export interface Loaded<Exports> {
  readonly exports: Exports
  readonly script: vm.Script
  /** Whether V8 took the cache (false when there was none, or it was stale or rejected). */
  readonly cached: boolean
}

/** Where a bundle's cache lives: beside it. */
export const cacheFileOf = (bundle: string): string => `${bundle}.cache`

const buildIdLine = /\n\/\/# build-id=([0-9a-f]+)\n?$/

/** The line naming a bundle, from its source: its build id, else its size and modification time. */
export const identityOf = (bundle: string, source: string): string => {
  const id = buildIdLine.exec(source.slice(-200))?.[1]
  if (id !== undefined) return `build-id=${id}\n`
  const stat = fs.statSync(bundle)
  return `${stat.size}:${stat.mtimeMs}\n`
}

const readCache = (bundle: string, identity: string): Buffer | undefined => {
  let data: Buffer
  try {
    data = fs.readFileSync(cacheFileOf(bundle))
  } catch {
    return undefined
  }
  const expected = Buffer.from(identity)
  return data.subarray(0, expected.length).equals(expected) ? data.subarray(expected.length) : undefined
}

/**
 * Writes the code V8 has compiled for the script so far (what the run used) as the bundle's cache:
 * to a temporary file renamed into place, so a process starting meanwhile reads the old cache or
 * the new one, never half of one. Returns whether it was written.
 */
export const writeCodeCache = (bundle: string, script: vm.Script): boolean => {
  const target = cacheFileOf(bundle)
  const temporary = `${target}.${process.pid}.tmp`
  try {
    const identity = identityOf(bundle, fs.readFileSync(bundle, "utf8"))
    fs.writeFileSync(temporary, Buffer.concat([Buffer.from(identity), script.createCachedData()]))
    fs.renameSync(temporary, target)
    return true
  } catch {
    fs.rmSync(temporary, { force: true })
    return false
  }
}

/**
 * Runs a CommonJS bundle as `require` would, with its code cache when there is a valid one, and
 * returns its exports. Without one, the cache is written when the process exits (unless
 * `writeOnExit` is false).
 */
export const loadWithCodeCache = <Exports>(
  bundle: string,
  options: { readonly writeOnExit?: boolean } = {}
): Loaded<Exports> => {
  const filename = path.resolve(bundle)
  const source = fs.readFileSync(filename, "utf8")
  const cachedData = readCache(filename, identityOf(filename, source))
  const script = new vm.Script(Module.wrap(source), {
    filename,
    ...(cachedData === undefined ? {} : { cachedData })
  })
  const cached = cachedData !== undefined && script.cachedDataRejected !== true
  const module = new Module(filename)
  module.filename = filename
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: Module,
    filename: string,
    dirname: string
  ) => void
  wrapper.call(module.exports, module.exports, Module.createRequire(filename), module, filename, path.dirname(filename))
  module.loaded = true
  if (!cached && options.writeOnExit !== false) process.once("exit", () => writeCodeCache(filename, script))
  return { exports: module.exports as Exports, script, cached }
}

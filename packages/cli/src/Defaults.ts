/**
 * Where the CLI keeps its data when not told: named in the help text, so they live apart from the
 * code that opens the database (which loads the core and the drivers).
 */

/** The database when neither `--db` nor `DUGNAD_DB` is given. */
export const defaultDatabase = "./dugnad.db"

/** Where the demo writes when `--db` is not given: a file of its own, never the real `./dugnad.db`. */
export const defaultDemoDatabase = "./dugnad-demo.db"

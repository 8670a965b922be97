/**
 * Running use cases "for show": on a second connection to the same
 * database, inside one write transaction that is always rolled back. The
 * other requests never see what it did (their connection reads only what
 * is committed), and nothing is left behind, whatever the code inside
 * writes. Used to preview a CSV import and by the "try it" page.
 */
import type { App } from '../app.js';
import { writeTransaction } from '../db/transaction.js';
import type { WebContext } from './context.js';

const ROLLBACK = Symbol('dry run: roll back');

/** Runs `fn` against the sandbox app and rolls everything back; returns what `fn` returned. */
export async function dryRun<T>(ctx: WebContext, fn: (sandbox: App) => Promise<T>): Promise<T> {
  const sandbox = await ctx.sandbox();
  let result: { value: T } | undefined;
  // While the sandbox holds SQLite's write lock, this process's own writers
  // must wait on the main connection's transaction queue (asynchronously):
  // better-sqlite3 would otherwise wait for the lock synchronously and block
  // the very event loop the sandbox needs to finish. Holding an empty
  // transaction on the main connection for the duration does that.
  await ctx.app.db.$transaction(
    async () => {
      try {
        await writeTransaction(sandbox.db, async () => {
          result = { value: await fn(sandbox) };
          throw ROLLBACK;
        });
      } catch (error) {
        if (error !== ROLLBACK) throw error;
      }
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
  return result!.value;
}

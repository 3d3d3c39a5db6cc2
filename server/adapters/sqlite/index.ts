import type { Repositories, Store } from '../../ports'
import { Mutex, openDatabase } from './connection'
import { bindRepositories } from './application-repository'

/**
 * The embedded store: one SQLite connection, used by one request at a time. A transaction keeps
 * the connection across its awaits, so nothing else runs inside it; a single call outside a
 * transaction waits for the connection too. Inside `work`, use only the repositories it is given
 * (the plain ones would wait for the transaction to end).
 */
export function openSqliteStore(file: string): Store {
  const db = openDatabase(file)
  const mutex = new Mutex()
  const bound = bindRepositories(db)

  const guarded = <R extends object>(repo: R): R =>
    Object.fromEntries(
      Object.entries(repo).map(([name, fn]) => [name, (...args: unknown[]) => mutex.run(() => (fn as (...a: unknown[]) => Promise<unknown>)(...args))]),
    ) as R

  const repos = Object.fromEntries(Object.entries(bound).map(([k, r]) => [k, guarded(r)])) as unknown as Repositories

  return {
    repos,
    transaction(work) {
      return mutex.run(async () => {
        db.exec('BEGIN IMMEDIATE')
        try {
          const result = await work(bound)
          db.exec('COMMIT')
          return result
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK')
          throw err
        }
      })
    },
    async close() {
      await mutex.run(async () => void db.close())
    },
  }
}

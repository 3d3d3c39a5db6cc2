import type { Db } from './connection'

/** The most transactions one commit takes: bounds how long the first of them waits for its reply. */
export const MAX_GROUP = 32

interface Job {
  work: () => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (err: unknown) => void
}

/**
 * The writing connection's queue, one transaction at a time, with group commit: the transactions
 * that queued up while one ran run after it inside the same SQLite transaction, each after the first
 * within a savepoint of its own, and one COMMIT ends them all (a commit costs a write per page, the same
 * pages for every submit). Each caller's promise settles only after that COMMIT, so nobody is told
 * of a write before it is committed and visible to the readers. A transaction that throws is rolled
 * back to its savepoint and rejected at once; the others go on (the first, which has none, is rolled
 * back with the whole transaction, and the jobs behind it go on in the next). If SQLite ends the whole
 * transaction (an I/O error) or the COMMIT fails, every transaction of the group is rejected.
 */
export function groupCommit(db: Db): { run<T>(work: () => Promise<T>): Promise<T>; idle(): Promise<void> } {
  const jobs: Job[] = []
  let draining: Promise<void> | null = null

  async function group(): Promise<void> {
    try {
      db.exec('BEGIN IMMEDIATE')
    } catch (err) {
      return jobs.shift()!.reject(err)
    }
    const done: [Job, unknown][] = []
    let settled = 0
    while (jobs.length && settled < MAX_GROUP) {
      const job = jobs.shift()!
      // The first job needs no savepoint: if it throws, nothing else is in the transaction yet and
      // it is rolled back whole. Without one, SQLite empties its statement journal (kept in memory,
      // connection.ts) after each statement; inside one, the journal holds every page the savepoint
      // changed and each statement's end walks it, so a batch of many statements would cost the
      // square of its size.
      const first = settled++ === 0
      if (!first) db.exec('SAVEPOINT grouped')
      try {
        const result = await job.work()
        if (!first) db.exec('RELEASE grouped')
        done.push([job, result])
      } catch (err) {
        if (!db.inTransaction) {
          for (const [other] of done) other.reject(err)
          return job.reject(err)
        }
        if (first) {
          // The next group takes the jobs queued behind it.
          db.exec('ROLLBACK')
          return job.reject(err)
        }
        db.exec('ROLLBACK TO grouped')
        db.exec('RELEASE grouped')
        job.reject(err)
      }
    }
    try {
      db.exec('COMMIT')
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK')
      for (const [job] of done) job.reject(err)
      return
    }
    for (const [job, result] of done) job.resolve(result)
  }

  async function drain(): Promise<void> {
    while (jobs.length) await group()
    draining = null
  }

  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        jobs.push({ work, resolve: resolve as (value: unknown) => void, reject })
        // Started after the event loop's pending I/O: every request that arrived with this one
        // queues its transaction first, and the group takes them all.
        draining ??= new Promise<void>((resolve) => setImmediate(resolve)).then(drain)
      })
    },
    async idle() {
      while (draining) await draining
    },
  }
}

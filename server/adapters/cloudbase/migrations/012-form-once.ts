import type { SubmissionRecord } from '../../../ports'
import { APPLICATIONS } from '../collections'
import type { Database, StoredDoc } from '../types'
import { MIGRATION_BATCH, type CloudbaseMigration } from './migration'

/** The submissions without the current one's copy of the form, or null when there is nothing to drop. */
function trimmed(doc: StoredDoc): SubmissionRecord[] | null {
  const submissions = doc.submissions as SubmissionRecord[] | null | undefined
  const last = submissions?.[submissions.length - 1]
  if (!doc.formSealed || !last?.formSealed) return null
  const { formSealed: _copy, ...rest } = last
  return [...submissions!.slice(0, -1), rest]
}

/** One application, trimmed at the version read; re-read when the app wrote it meanwhile. 1: changed. */
async function trimOne(db: Database, first: StoredDoc): Promise<number> {
  let doc: StoredDoc | undefined = first
  for (let attempt = 0; doc && attempt < 5; attempt++) {
    const submissions = trimmed(doc)
    if (!submissions) return 0
    const { updated } = await db.collection(APPLICATIONS).where({ _id: doc._id, version: doc.version }).update({ submissions: db.command.set(submissions) })
    if (updated === 1) return 1
    doc = (await db.collection(APPLICATIONS).where({ _id: doc._id }).get()).data[0]
  }
  if (doc && trimmed(doc)) throw new Error(`applications ${doc._id}: changed by every attempt; run the deploy again`)
  return 0
}

/**
 * The submitted form is stored once: the current (last) submission no longer keeps a copy of the
 * application's `formSealed` (every write of the one writes the other with the same form). Every
 * application in _id order, a batch at a time, with the last _id done saved as progress, so a run
 * cut short resumes where it was. SQLite: migration 18.
 */
export const formOnce: CloudbaseMigration = {
  id: '012-form-once',
  description: "the submitted form stored once: the current submission keeps no copy of the application's form",
  async run({ db, log, progress, saveProgress }) {
    const _ = db.command
    let after = typeof progress?.after === 'string' ? progress.after : null
    let changed = 0
    for (;;) {
      const where = after === null ? {} : { _id: _.gt(after) }
      const { data } = await db.collection(APPLICATIONS).where(where).orderBy('_id', 'asc').limit(MIGRATION_BATCH).get()
      for (const doc of data) changed += await trimOne(db, doc)
      if (data.length === 0) break
      after = data[data.length - 1]._id
      await saveProgress?.({ after })
      if (data.length < MIGRATION_BATCH) break
    }
    log?.(`  ${changed} applications keep their submitted form once`)
    return { changed }
  },
}

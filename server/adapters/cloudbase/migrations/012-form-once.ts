import type { SubmissionRecord } from '../../../ports'
import { APPLICATIONS } from '../collections'
import type { StoredDoc } from '../types'
import { rewriteEachDocument, type CloudbaseMigration } from './migration'

/** The submissions without the current one's copy of the form, or null when there is nothing to drop. */
function trimmed(doc: StoredDoc): SubmissionRecord[] | null {
  const submissions = doc.submissions as SubmissionRecord[] | null | undefined
  const last = submissions?.[submissions.length - 1]
  if (!doc.formSealed || !last?.formSealed) return null
  const { formSealed: _copy, ...rest } = last
  return [...submissions!.slice(0, -1), rest]
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
  async run(ctx) {
    const changed = await rewriteEachDocument(ctx, APPLICATIONS, 'submissions', trimmed)
    ctx.log?.(`  ${changed} applications keep their submitted form once`)
    return { changed }
  },
}

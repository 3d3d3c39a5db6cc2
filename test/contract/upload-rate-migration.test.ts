/**
 * The upload rate limit counts a person's upload records: on a database opened from before the
 * change (SQLite's migration 44 adds the index by person; CloudBase's deploy creates the declared
 * index, the documents already hold both fields), the records written before count.
 */
import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { resetSdk } from '../../server/adapters/cloudbase/sdk'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import type { UploadRecord } from '../../server/ports'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'

const upload = (n: number, openid = 'w1'): UploadRecord => ({ key: `uploads/${openid}/app-1/document-${n}`, openid, applicationId: 'app-1', createdAt: `2026-03-02T02:0${n}:00.000Z` })
const OLD = [upload(1), upload(2), upload(3), upload(4, 'w2')]

test('SQLite: migration 44 indexes uploads by person; records written before it are counted', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = openDatabase(file)
  old.exec('DROP INDEX uploads_by_person')
  old.prepare('DELETE FROM schema_migrations WHERE version = 44').run()
  for (const u of OLD) await bindRepositories(old).uploads.add(u)
  old.close()

  const db = openDatabase(file)
  try {
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT doc FROM uploads WHERE json_extract(doc, '$.openid') = ? AND created_at >= ? ORDER BY created_at, key LIMIT ?").all('w1', '', 31) as { detail: string }[]
    expect(plan.map((p) => p.detail).join(' ')).toContain('uploads_by_person')
    expect(await bindRepositories(db).uploads.recentBy('w1', '2026-03-02T02:02:00.000Z', 31)).toEqual([OLD[1], OLD[2]])
  } finally {
    db.close()
    cleanup()
  }
})

describe('CloudBase', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
  })
  afterAll(() => standin.close())

  test('the deployed uploads collection has the index by person; records written before it are counted', async () => {
    expect(standin.schema().get('uploads')!.map((i) => i.keys.map(([field]) => field).join(','))).toContain('openid,createdAt,_id')
    resetSdk()
    const store = createCloudbaseStore()
    try {
      // As the code before this change wrote them: one document per upload, _id the file's key.
      for (const u of OLD) await store.repos.uploads.add(u)
      expect(await store.repos.uploads.recentBy('w1', '2026-03-02T02:02:00.000Z', 31)).toEqual([OLD[1], OLD[2]])
      expect(await store.repos.uploads.recentBy('w1', '2026-03-02T02:00:00.000Z', 2)).toEqual([OLD[0], OLD[1]])
    } finally {
      await store.close()
    }
  })
})

import { statSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from '../../../test/support/deps'
import { applicationRecord } from '../../../test/support/fixtures'
import { openSqliteStore } from '.'
import { FALLBACK_CHECKPOINT_PAGES } from './checkpointer'
import { openDatabase } from './connection'

let dir: { dir: string; cleanup: () => void }
beforeEach(() => (dir = tempDir()))
afterEach(() => dir.cleanup())

test('with background checkpoints the log is folded into the database file by the worker, not by a COMMIT, and close stops it', async () => {
  const file = join(dir.dir, 'lantian.db')
  const store = openSqliteStore(file, { backgroundCheckpoints: true })
  try {
    const before = statSync(file).size
    await store.transaction(async (repos) => {
      for (let i = 0; i < 300; i++) await repos.applications.insert({ ...applicationRecord(`a${i}`), name: `申请人${i}`.repeat(20) })
    })
    // Far below the writer's own threshold: only the worker's checkpoint can grow the file.
    expect(statSync(`${file}-wal`).size).toBeLessThan(FALLBACK_CHECKPOINT_PAGES * 4096)
    for (let waited = 0; statSync(file).size === before && waited < 100; waited++) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(statSync(file).size).toBeGreaterThan(before)
    expect(await store.repos.applications.get('a299')).not.toBeNull()
  } finally {
    await store.close()
  }
  const db = openDatabase(file)
  try {
    expect(db.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(300)
  } finally {
    db.close()
  }
})

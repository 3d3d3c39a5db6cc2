import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCipher } from '../../server/adapters/node-cipher'
import { openSqliteStore } from '../../server/adapters/sqlite'
import type { Deps, Store } from '../../server/ports'
import { randomIds } from '../../server/runtime'

/** A clock that tests move by hand. */
export class TestClock {
  constructor(private current = new Date('2026-03-02T02:00:00Z')) {}
  now = () => new Date(this.current)
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms)
  }
}

/** A temporary directory removed by `cleanup`. */
export function tempDir(prefix = 'lantian-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Use-case dependencies on a fresh SQLite database in a temporary directory. */
export function sqliteDeps(store?: Store): { deps: Deps; clock: TestClock; file: string; close: () => Promise<void> } {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'lantian.db')
  const clock = new TestClock()
  const s = store ?? openSqliteStore(file)
  const deps: Deps = {
    store: s,
    clock,
    ids: randomIds,
    cipher: createCipher(randomBytes(32)),
    settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' },
  }
  return {
    deps,
    clock,
    file,
    close: async () => {
      await s.close()
      cleanup()
    },
  }
}

/** A valid minimal application form. */
export const validForm = {
  name: '张小明',
  idNumber: '532504199001011238',
  phone: '13812345678',
  employer: '弥勒市农机厂',
  mainCause: 'illness',
} as const

import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { createCipher } from '../adapters/node-cipher'
import { openSqliteStore } from '../adapters/sqlite'
import { tempDir } from '../../test/support/deps'
import { mileTownships, seedDemo } from './seed'
import { demoGrassrootsUnits, seedDemoGrassroots } from './seed-units'

test('the demo tree: the city, its townships, and grassroots unions under four of them, every path consistent', async () => {
  const { dir, cleanup } = tempDir()
  const store = openSqliteStore(join(dir, 'lantian.db'))
  try {
    await seedDemo(store, createCipher(randomBytes(32)), new Date('2026-03-02T02:00:00Z'))
    const all = await store.repos.units.subtree('unit-root')
    const grassroots = demoGrassrootsUnits('unit-root')
    expect(all).toHaveLength(1 + mileTownships().length + grassroots.length)
    const byId = new Map(all.map((u) => [u.id, u]))
    for (const u of all) if (u.parentId) expect(u.path).toEqual([...byId.get(u.parentId)!.path, u.id])
    expect((await store.repos.units.children('unit-532504001')).map((u) => u.name)).toEqual(['弥勒市农机厂工会', '弥阳街道髯翁社区工会', '弥阳街道环卫所工会'])
    // Seeding again adds nothing.
    expect(await seedDemoGrassroots(store, 'unit-root')).toBe(false)
    expect(await store.repos.units.subtree('unit-root')).toHaveLength(all.length)
  } finally {
    await store.close()
    cleanup()
  }
}, 120_000)

import { unionTree, type TreeFixture } from '../../../test/support/union-tree'
import { FEW_UNITS } from './unit-choices'

let t: TreeFixture
beforeEach(async () => (t = await unionTree()))
afterEach(() => t.close())

/** A worker (no staff record) asking for a level of the tree. */
const units = (input: Record<string, unknown> = {}) => t.call('o-worker', 'applicant', 'units', input)
const ROOT = { id: 'unit-root', name: '弥勒市总工会' }
const A = { id: 'unit-a', name: '弥阳街道总工会' }

describe('the union tree a level at a time, for the worker choosing their union', () => {
  test('without input: the top of the tree and its first level, each saying whether it has units below', async () => {
    expect(await units()).toEqual({
      ok: true,
      data: {
        items: [
          { ...ROOT, hasChildren: true },
          { ...A, hasChildren: true },
          { id: 'unit-b', name: '新哨镇总工会', hasChildren: true },
        ],
        trail: [],
      },
    })
  })

  test('parentId: its children, with the way down to it', async () => {
    expect(await units({ parentId: 'unit-a' })).toEqual({
      ok: true,
      data: {
        items: [
          { id: 'unit-a1', name: '农机厂工会', hasChildren: false },
          { id: 'unit-a2', name: '髯翁社区工会', hasChildren: true },
        ],
        trail: [ROOT, A],
      },
    })
    expect(await units({ parentId: 'unit-a2x' })).toMatchObject({ ok: true, data: { items: [], trail: [ROOT, A, { id: 'unit-a2' }, { id: 'unit-a2x' }] } })
  })

  test('unitId: the level holding the unit (the top level for a unit listed there)', async () => {
    expect(await units({ unitId: 'unit-a2x' })).toMatchObject({
      ok: true,
      data: { items: [{ id: 'unit-a2x', name: '髯翁社区第一小组', hasChildren: false }], trail: [ROOT, A, { id: 'unit-a2', name: '髯翁社区工会' }] },
    })
    expect(await units({ unitId: 'unit-a1' })).toMatchObject({ ok: true, data: { items: [{ id: 'unit-a1' }, { id: 'unit-a2' }], trail: [ROOT, A] } })
    expect(await units({ unitId: 'unit-a' })).toEqual(await units())
    expect(await units({ unitId: 'unit-root' })).toEqual(await units())
  })

  test('an unknown unit is NOT_FOUND on its field; both inputs at once are VALIDATION', async () => {
    expect(await units({ parentId: 'unit-none' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'parentId' } })
    expect(await units({ unitId: 'unit-none' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'unitId' } })
    expect(await units({ parentId: 'unit-a', unitId: 'unit-a1' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '上级工会和所选工会只能填一个' } })
  })

  test('a long level finds which units have children from one subtree query, with the same answer', async () => {
    const many = Array.from({ length: FEW_UNITS + 5 }, (_, i) => `unit-b-${String(i).padStart(2, '0')}`)
    await t.deps.store.transaction(async (repos) => {
      for (const id of many) await repos.units.put({ id, name: `工会${id}`, parentId: 'unit-b', path: ['unit-root', 'unit-b', id], version: 1 })
      await repos.units.put({ id: 'unit-b-03-x', name: '小组', parentId: 'unit-b-03', path: ['unit-root', 'unit-b', 'unit-b-03', 'unit-b-03-x'], version: 1 })
    })
    const reply = await units({ parentId: 'unit-b' })
    if (!reply.ok) throw new Error(reply.error.message)
    const { items } = reply.data as { items: { id: string; hasChildren: boolean }[] }
    expect(items).toHaveLength(FEW_UNITS + 6)
    expect(items.filter((u) => u.hasChildren).map((u) => u.id)).toEqual(['unit-b-03'])
  })
})

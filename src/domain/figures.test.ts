import { figureHistories, figureRanges, referenceRowFigures } from '../../test/support/figure-histories'
import type { DashboardHousehold } from './dashboard'
import { addCells, contributionDelta, extraRows, figuresFromRows, householdContribution, rollUp, type Cells, type Contribution, type MonthRow } from './figures'
import type { DisbursementEntry } from './ledger'

const PATHS: Record<string, string[]> = {
  root: ['root'],
  t1: ['root', 't1'],
  t2: ['root', 't2'],
  s1: ['root', 't1', 's1'],
  s2: ['root', 't1', 's2'],
}
const pathOf = (u: string) => PATHS[u]

function rowsOf(all: Map<string, Cells>, unitId: string): MonthRow[] {
  return [...all].filter(([key]) => key.startsWith(`${unitId}|`)).map(([key, cells]) => ({ month: key.slice(unitId.length + 1), cells }))
}

function reference(households: { id: string; unitId: string; history: DashboardHousehold['history'] }[], entries: DisbursementEntry[], unitId: string, range: { from: string; to: string }) {
  const inside = (u: string) => PATHS[u].includes(unitId)
  const scoped = households.filter((h) => inside(h.unitId)).map((h) => ({ ...h, unitPath: PATHS[h.unitId] }))
  return referenceRowFigures(scoped, entries.filter((e) => inside(e.unitId)), range)
}

describe('figures kept per unit and month equal the reference computation', () => {
  it.each([1, 2, 3, 4, 5, 6])('random histories, seed %i, every unit, random ranges', (seed) => {
    const { households, entries } = figureHistories(seed, 60, ['s1', 's2', 't1', 't2'])
    const rows = new Map<string, Cells>()
    for (const h of households) rollUp(householdContribution(h, entries.filter((e) => e.householdId === h.id)), pathOf, rows)
    for (const range of figureRanges(seed * 7, 25))
      for (const unitId of Object.keys(PATHS)) {
        const upTo = rowsOf(rows, unitId).filter((r) => r.month <= range.to.slice(0, 7) || extraRows(range).includes(r.month))
        expect({ unitId, range, ...figuresFromRows(upTo, range) }).toEqual({ unitId, range, ...reference(households, entries, unitId, range) })
      }
  })

  it('folding each write as a delta gives the same rows as building them from the final records', () => {
    const { steps, households, entries } = figureHistories(11, 40, ['s1', 's2', 't2'])
    const maintained = new Map<string, Cells>()
    const last = new Map<string, Contribution>()
    const state = new Map<string, { household: (typeof households)[number]; entries: Map<string, DisbursementEntry> }>()
    for (const step of steps) {
      const id = step.kind === 'insert' || step.kind === 'update' ? step.household.id : step.entry.householdId
      const s = state.get(id) ?? { household: step.kind === 'insert' ? step.household : households[0], entries: new Map() }
      if (step.kind === 'insert' || step.kind === 'update') s.household = step.household
      else s.entries.set(step.entry.id, step.entry)
      state.set(id, s)
      const now = householdContribution(s.household, [...s.entries.values()])
      for (const [key, cells] of rollUp(contributionDelta(last.get(id) ?? {}, now), pathOf)) maintained.set(key, addCells(maintained.get(key) ?? {}, cells))
      last.set(id, now)
    }
    const built = new Map<string, Cells>()
    for (const h of households) rollUp(householdContribution(h, entries.filter((e) => e.householdId === h.id)), pathOf, built)
    const nonEmpty = (m: Map<string, Cells>) => Object.fromEntries([...m].filter(([, c]) => Object.keys(c).length > 0))
    expect(nonEmpty(maintained)).toEqual(nonEmpty(built))
  })
})

/**
 * Filed households at any scale, for the benchmarks: the demo ledger generator
 * (server/local/seed/demo-ledger.ts, 514 households a seed) run with successive seeds over the
 * test support's union tree (test/support/demo-data.ts), each copy's ids and file numbers made its
 * own, the last copy cut to the household count, payments thinned evenly to the entry count (the
 * three mistaken payments of each copy and their reversals kept). Write it with
 * server/local/seed-households.ts writeDemoLedger, `SEED` as its seed.
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { localFileStore } from '../../server/adapters/files/local-file-store'
import { createCipher } from '../../server/adapters/node-cipher'
import { openSqliteStore } from '../../server/adapters/sqlite'
import type { DemoLedger } from '../../server/local/seed/demo-ledger'
import type { Deps } from '../../server/ports'
import { randomIds, systemClock } from '../../server/runtime'
import { demoLedger } from '../../test/support/demo-data'

export const SEED = 20200817

/** Copy `k` of a generated ledger with ids, file numbers and check-record ids of its own (the campaign's id kept). */
function relabel(demo: DemoLedger, k: number): DemoLedger {
  if (k === 0) return demo
  const tag = `k${String(k).padStart(2, '0')}`
  const json = JSON.stringify(demo)
    .replace(/demo-(hh|app|pay|rev)-/g, `demo-$1-${tag}-`)
    .replace(/MLS-H-(\d{4})-(\d{6})/g, (_m, year: string, n: string) => `MLS-H-${year}-${String(k * 1000 + Number(n)).padStart(6, '0')}`)
  return JSON.parse(json) as DemoLedger
}

/** `households` households from successive seeds, their payments thinned evenly to about `entries` ledger entries. */
export function generateHouseholds(households: number, entries: number): DemoLedger {
  const copies: DemoLedger[] = []
  for (let k = 0, n = 0; n < households; k++) {
    const copy = relabel(demoLedger(SEED + k), k)
    const keep = new Set(copy.households.slice(0, households - n).map((h) => h.id))
    n += keep.size
    copies.push({
      households: copy.households.filter((h) => keep.has(h.id)),
      measures: copy.measures.filter((m) => keep.has(m.householdId)),
      disbursements: copy.disbursements.filter((e) => keep.has(e.householdId)),
      campaign: copy.campaign,
      checkRecords: copy.checkRecords.filter((r) => keep.has(r.householdId)),
      contacts: copy.contacts.filter((c) => keep.has(c.householdId)),
    })
  }
  const all = copies.flatMap((c) => c.disbursements)
  // Kept as they are: the mistaken payments and their reversals (a reversal needs its payment).
  const fixed = all.filter((e) => e.kind === 'reversal' || e.id.includes('-err-'))
  const ordinary = all.filter((e) => e.kind === 'payment' && !e.id.includes('-err-'))
  const share = Math.min(1, (entries - fixed.length) / ordinary.length)
  const kept = new Set([...fixed, ...ordinary.filter((_e, i) => Math.floor((i + 1) * share) > Math.floor(i * share))])
  return {
    households: copies.flatMap((c) => c.households),
    measures: copies.flatMap((c) => c.measures),
    disbursements: all.filter((e) => kept.has(e)).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
    campaign: copies[0].campaign,
    checkRecords: copies.flatMap((c) => c.checkRecords),
    contacts: copies.flatMap((c) => c.contacts),
  }
}


/** A fresh SQLite store in `file` with new random keys, files under `dir`, the root unit `rootId` as the default. */
export function benchDeps(dir: string, file: string, rootId: string): Deps {
  return {
    store: openSqliteStore(file, { backgroundCheckpoints: true }),
    clock: systemClock,
    ids: randomIds,
    cipher: createCipher(randomBytes(32)),
    settings: { applicationPrefix: 'MLS', defaultUnitId: rootId },
    files: localFileStore(join(dir, 'files'), randomBytes(32)),
  }
}

import { everyDay } from '../../src/domain/opening-hours'
import type { StationFields } from '../../src/domain/station'
import type { StationRecord } from '../../server/ports'
import { writeCsv } from '../../server/usecases/shared/csv'
import { HEADER, NUMERIC_COLUMNS, stationRow } from '../../server/usecases/stations/station-files/table'
import { writeXlsx } from '../../server/usecases/stations/station-files/xlsx'

/** Valid station fields (a rest post in central Mile, GCJ-02), overridable. */
export const stationFields = (over: Partial<StationFields> = {}): StationFields => ({
  externalId: 'EXT-1',
  kind: 'rest-post',
  level: null,
  name: '弥阳街道职工驿站',
  address: '弥勒市弥阳街道髯翁路1号',
  district: '弥阳街道',
  location: { lng: 103.4365, lat: 24.4105 },
  phone: '0873-7120000',
  hours: everyDay({ from: '08:00', to: '20:00' }),
  amenities: ['water', 'meal-heating', 'rest'],
  services: '饮水、热饭、休息',
  photos: [],
  unitName: '弥阳街道总工会',
  status: 'open',
  verifiedOn: '2026-02-01',
  ...over,
})

/** A stored station record. */
export const stationRecord = (over: Partial<StationRecord> = {}): StationRecord => ({
  ...stationFields(),
  unitId: 'unit-a',
  id: 'st-1',
  externalId: 'EXT-1',
  sample: false,
  version: 1,
  createdAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-02T02:00:00.000Z',
  ...over,
})

export { prng } from '../../server/local/prng'

/** An import file of `count` valid stations (外部编号 IMP-0, IMP-1, …) as the export writes it. */
export async function stationImportFile(count: number, format: 'csv' | 'xlsx'): Promise<Uint8Array> {
  const rows = Array.from({ length: count }, (_, i) => ({
    line: i + 2,
    cells: stationRow(stationRecord({ id: `st-${i}`, externalId: `IMP-${i}`, name: `测试驿站${i}号`, location: { lng: 103.4 + i / 10_000, lat: 24.41 } })),
  }))
  const table = { header: HEADER, rows }
  return format === 'csv' ? writeCsv(table) : writeXlsx(table, NUMERIC_COLUMNS)
}

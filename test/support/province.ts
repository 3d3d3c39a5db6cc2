import type { OrgUnitRecord } from '../../server/ports'

/** The province of the issue 14 list tests: three cities of 1,000 grassroots units each. */
export const CITIES = 3
export const UNITS_PER_CITY = 1000

/** prov → c0..c2 → c<i>-u<j>: 3,004 units. */
export function provinceTree(): OrgUnitRecord[] {
  const out: OrgUnitRecord[] = [{ id: 'prov', name: '省总工会', parentId: null, path: ['prov'] }]
  for (let c = 0; c < CITIES; c++) {
    out.push({ id: `c${c}`, name: `市${c}`, parentId: 'prov', path: ['prov', `c${c}`] })
    for (let u = 0; u < UNITS_PER_CITY; u++) out.push({ id: `c${c}-u${u}`, name: `基层${c}-${u}`, parentId: `c${c}`, path: ['prov', `c${c}`, `c${c}-u${u}`] })
  }
  return out
}

import { ID_TIME_CHARS, randomIds } from './runtime'

test('record ids are the time in base 36 then 16 random bytes of base64url, and no two of many thousand (across refills of the pool) are the same', () => {
  const before = Date.now()
  const ids = Array.from({ length: 5000 }, () => randomIds.newId())
  const after = Date.now()
  for (const id of ids.slice(0, 300)) expect(id).toMatch(/^[0-9a-z]{9}[A-Za-z0-9_-]{22}$/)
  expect(new Set(ids).size).toBe(ids.length)
  expect(Buffer.from(ids[0].slice(ID_TIME_CHARS), 'base64url')).toHaveLength(16)
  // The random parts differ too: the time part alone does not make an id unique.
  expect(new Set(ids.map((id) => id.slice(ID_TIME_CHARS))).size).toBe(ids.length)
  const time = (id: string) => parseInt(id.slice(0, ID_TIME_CHARS), 36)
  expect(time(ids[0])).toBeGreaterThanOrEqual(before)
  expect(time(ids[ids.length - 1])).toBeLessThanOrEqual(after)
})

test('ids made later sort after earlier ones as the store compares them (bytewise), whatever their random part', async () => {
  const first = randomIds.newId()
  await new Promise((resolve) => setTimeout(resolve, 5))
  const later = Array.from({ length: 200 }, () => randomIds.newId())
  for (const id of later) expect(Buffer.compare(Buffer.from(first), Buffer.from(id))).toBe(-1)
})

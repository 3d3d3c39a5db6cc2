import { randomIds } from './runtime'

test('record ids are 16 bytes of base64url, and no two of many thousand (across refills of the pool) are the same', () => {
  const ids = Array.from({ length: 5000 }, () => randomIds.newId())
  for (const id of ids.slice(0, 300)) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/)
  expect(new Set(ids).size).toBe(ids.length)
  expect(Buffer.from(ids[0], 'base64url')).toHaveLength(16)
})

import { randomPool } from './random-pool'

describe('randomPool', () => {
  it('hands out chunks of the size asked, none of them twice, across refills', () => {
    const take = randomPool(12, 4)
    const chunks = Array.from({ length: 50 }, take)
    expect(chunks.every((c) => c.length === 12)).toBe(true)
    expect(new Set(chunks.map((c) => c.toString('hex'))).size).toBe(50)
  })

  it('never changes a chunk already taken when it refills', () => {
    const take = randomPool(16, 2)
    const first = take()
    const copy = Buffer.from(first)
    for (let i = 0; i < 10; i++) take()
    expect(first.equals(copy)).toBe(true)
  })
})

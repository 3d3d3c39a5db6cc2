import { pageNumbers } from './use-pages'

describe('page numbers', () => {
  const src = pageNumbers<number>()

  it('starts at page 1 and reads a page of items', () => {
    expect(src.first).toBe(1)
    expect(src.items({ items: [1, 2], total: 5 })).toEqual([1, 2])
  })

  it('offers the next page while fewer than the total are shown', () => {
    expect(src.next({ items: [1, 2], total: 5 }, 1, 2)).toBe(2)
    expect(src.next({ items: [3, 4], total: 5 }, 2, 4)).toBe(3)
  })

  it('stops at the total, and at an empty page (a total that shrank meanwhile)', () => {
    expect(src.next({ items: [5], total: 5 }, 3, 5)).toBeNull()
    expect(src.next({ items: [], total: 9 }, 4, 6)).toBeNull()
  })
})

import { formatDistance } from './distance'

describe('formatDistance', () => {
  it.each([
    [0, '1 米'],
    [4, '1 米'],
    [849, '850 米'],
    [994, '990 米'],
    [996, '1.0 公里'],
    [1000, '1.0 公里'],
    [2345, '2.3 公里'],
    [49_960, '50.0 公里'],
    [123_456, '123 公里'],
  ])('%d m reads %s', (m, text) => expect(formatDistance(m)).toBe(text))

  it('says nothing for a value that is not a distance', () => {
    expect(formatDistance(NaN)).toBe('')
    expect(formatDistance(-1)).toBe('')
  })
})

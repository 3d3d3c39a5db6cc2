import { formatCount, formatMoneyShort, labelOf, todayShanghai } from './household-text'

describe('household text', () => {
  it('shows large amounts in 万元 and small ones in yuan', () => {
    expect(formatMoneyShort(423_900_000)).toBe('423.9万元')
    expect(formatMoneyShort(400_500_000)).toBe('400.5万元')
    expect(formatMoneyShort(424_020_000)).toBe('424.02万元')
    expect(formatMoneyShort(1_000_000)).toBe('1万元')
    expect(formatMoneyShort(850_000)).toBe('8,500 元')
    expect(formatMoneyShort(0)).toBe('0 元')
  })

  it('labels codes and counts', () => {
    expect(labelOf([{ code: 'a', label: '甲' }], 'a')).toBe('甲')
    expect(labelOf([{ code: 'a', label: '甲' }], 'b')).toBe('b')
    expect(formatCount(5486)).toBe('5,486')
    expect(formatCount(29)).toBe('29')
  })

  it('takes today in Shanghai', () => {
    expect(todayShanghai(new Date('2020-08-16T16:30:00Z'))).toBe('2020-08-17')
  })
})

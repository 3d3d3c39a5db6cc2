import { displayName, kindText, rangesText, todayText } from './station-text'

describe('station text', () => {
  it('drops the sample suffix only from sample stations', () => {
    expect(displayName({ name: '新哨镇职工驿站（示例数据）', sample: true })).toBe('新哨镇职工驿站')
    expect(displayName({ name: '新哨镇职工驿站（示例数据）', sample: false })).toBe('新哨镇职工驿站（示例数据）')
  })

  it('names the kind, and the level of an aid station', () => {
    expect(kindText({ kind: 'rest-post', level: null })).toBe('职工驿站')
    expect(kindText({ kind: 'aid', level: 'township' })).toBe('帮扶服务站点 · 乡镇（街道）级')
  })

  it('reads hours the way they are posted on a door', () => {
    expect(rangesText([{ from: '08:30', to: '12:00' }, { from: '14:30', to: '18:00' }])).toBe('08:30-12:00、14:30-18:00')
    expect(rangesText([{ from: '00:00', to: '24:00' }])).toBe('全天')
    expect(todayText([{ from: '10:00', to: '02:00' }])).toBe('今日 10:00-02:00')
    expect(todayText([])).toBe('今日不开放')
  })
})

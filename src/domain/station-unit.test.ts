import { placeOf, stationUnitFor } from './station-unit'

const UNITS = [
  { id: 'root', name: '弥勒市总工会' },
  { id: 'miyang', name: '弥阳街道总工会' },
  { id: 'xinshao', name: '新哨镇总工会' },
  { id: 'xi', name: '西一镇总工会' },
  { id: 'factory', name: '弥勒市农机厂工会' },
  { id: 'park', name: '弥勒市物流园区联合工会' },
]

describe('the unit a station belongs to', () => {
  const station = (over: Partial<{ unitName: string; district: string; address: string }>) => ({ unitName: '', district: '', address: '', ...over })

  it('takes the unit its 管理单位 names, then the township of its district, then one its address names, else the fallback', () => {
    expect(stationUnitFor(station({ unitName: '弥勒市农机厂工会', district: '弥阳街道' }), UNITS, 'root')).toBe('factory')
    expect(stationUnitFor(station({ unitName: '某某公司', district: '新哨镇' }), UNITS, 'root')).toBe('xinshao')
    expect(stationUnitFor(station({ district: '弥勒市', address: '弥勒市西一镇中心街3号' }), UNITS, 'root')).toBe('xi')
    expect(stationUnitFor(station({ district: '朋普镇', address: '朋普镇农贸市场旁' }), UNITS, 'root')).toBe('root')
    expect(stationUnitFor(station({ unitName: '弥勒市总工会', district: '新哨镇' }), UNITS, 'root')).toBe('root')
  })

  it('reads place names without their union suffix, and never takes a non-township by its place', () => {
    expect(placeOf('弥阳街道总工会')).toBe('弥阳街道')
    expect(placeOf('弥勒市物流园区联合工会')).toBe('弥勒市物流园区')
    expect(placeOf('弥勒市农机厂工会')).toBe('弥勒市农机厂')
    // 弥勒市物流园区 is in the address but is no township.
    expect(stationUnitFor(station({ address: '弥勒市物流园区8号' }), UNITS, 'fallback')).toBe('fallback')
  })

  it('prefers the longest township name an address holds', () => {
    const units = [...UNITS, { id: 'xinshao-east', name: '新哨镇东街道总工会' }]
    expect(stationUnitFor(station({ address: '弥勒市新哨镇东街道1号' }), units, 'root')).toBe('xinshao-east')
  })
})

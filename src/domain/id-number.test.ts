import fc from 'fast-check'
import { idCheckChar, idNumberFacts, idNumberProblem, isValidIdNumber, normalizeIdNumber } from './id-number'

describe('GB 11643 ID numbers', () => {
  // The GB 11643-1999 example, plus Mile-registered numbers whose check characters were computed by hand.
  it.each([
    ['11010519491231002X', true],
    ['532504199001011238', true],
    ['532504198503150022', true],
    ['440524188001010014', false],
    ['11010519491231002x', true],
    ['110105194912310021', false],
    ['440524188001010013', false],
    ['53250419900101123', false],
    ['5325041990010112345', false],
    ['532504199013011234', false],
    ['532504199002301234', false],
    ['', false],
  ])('%s valid=%s', (id, valid) => {
    expect(isValidIdNumber(id)).toBe(valid)
  })

  it('computes the check character of the standard example', () => {
    expect(idCheckChar('11010519491231002')).toBe('X')
    expect(idCheckChar('44052418800101001')).toBe('4')
  })

  it('says what is wrong in Chinese', () => {
    expect(idNumberProblem('123')).toMatch('18位')
    expect(idNumberProblem('532504199002301234')).toMatch('出生日期')
    expect(idNumberProblem('110105194912310021')).toMatch('校验位')
  })

  it('derives birth date and gender', () => {
    expect(idNumberFacts('11010519491231002X')).toEqual({ birthDate: '1949-12-31', gender: 'female' })
    expect(idNumberFacts('532504199001011238')).toEqual({ birthDate: '1990-01-01', gender: 'male' })
  })

  it('accepts exactly one check character for any 17 digits with a valid date', () => {
    const date = fc.date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
    fc.assert(
      fc.property(fc.stringMatching(/^[1-6]\d{5}$/), date, fc.stringMatching(/^\d{3}$/), (area, d, seq) => {
        const ymd = d.toISOString().slice(0, 10).replace(/-/g, '')
        const first17 = area + ymd + seq
        const valid = [...'0123456789X'].filter((c) => isValidIdNumber(first17 + c))
        expect(valid).toEqual([idCheckChar(first17)])
      }),
    )
  })

  it('normalises a lower-case x and spaces', () => {
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe('11010519491231002X')
  })
})

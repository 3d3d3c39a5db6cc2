import fc from 'fast-check'
import { formatInvitationCode, invitationCodeFromId, normalizeInvitationCode, INVITATION_ALPHABET } from './invitation-code'

const base64url = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 12, maxLength: 22 })

describe('invitation codes', () => {
  test('a code from any random id is 12 characters of the alphabet and reads back from its display form', () => {
    fc.assert(
      fc.property(base64url, (id) => {
        const code = invitationCodeFromId(id)
        expect(code).toHaveLength(12)
        expect([...code].every((c) => INVITATION_ALPHABET.includes(c))).toBe(true)
        expect(normalizeInvitationCode(formatInvitationCode(code))).toBe(code)
        expect(normalizeInvitationCode(` ${formatInvitationCode(code).toLowerCase()} `)).toBe(code)
      }),
    )
  })

  test('the usual misreadings are forgiven; anything else is not a code', () => {
    expect(formatInvitationCode('ABCD0123WXYZ')).toBe('ABCD-0123-WXYZ')
    expect(normalizeInvitationCode('abcd-o123-wxyz')).toBe('ABCD0123WXYZ')
    expect(normalizeInvitationCode('ABCD-I1L1-WXYZ')).toBe('ABCD1111WXYZ')
    expect(normalizeInvitationCode('ABCD-0123-WXY')).toBeNull()
    expect(normalizeInvitationCode('ABCD-0123-WXYU')).toBeNull()
    expect(normalizeInvitationCode('')).toBeNull()
    expect(() => invitationCodeFromId('short')).toThrow()
    expect(() => invitationCodeFromId('ABCDEFGHIJK+')).toThrow()
  })
})

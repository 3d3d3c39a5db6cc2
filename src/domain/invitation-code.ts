/**
 * Staff invitation codes: 12 characters of Crockford's base32 (no I, L, O, U), shown as
 * `XXXX-XXXX-XXXX`: 60 random bits, easy to read aloud and type on a phone.
 */
export const INVITATION_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const INVITATION_CODE_LENGTH = 12

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * A code from a random base64url id (IdGenerator.newId): each of its first 12 characters gives 5
 * bits (64 symbols onto 32, two each, so uniform). Throws when the id is too short or not base64url.
 */
export function invitationCodeFromId(randomId: string): string {
  if (randomId.length < INVITATION_CODE_LENGTH) throw new Error('random id too short for an invitation code')
  let code = ''
  for (const ch of randomId.slice(0, INVITATION_CODE_LENGTH)) {
    const i = BASE64URL.indexOf(ch)
    if (i < 0) throw new Error('random id is not base64url')
    code += INVITATION_ALPHABET[i % 32]
  }
  return code
}

/** `XXXX-XXXX-XXXX`, as the admin reads it out. */
export const formatInvitationCode = (code: string): string => code.match(/.{1,4}/g)?.join('-') ?? code

/**
 * The code as typed, normalised: case, spaces and dashes ignored, O read as 0 and I/L as 1 (the
 * usual misreadings). Null when it cannot be a code, so nothing is looked up for it.
 */
export function normalizeInvitationCode(typed: string): string | null {
  const code = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  if (code.length !== INVITATION_CODE_LENGTH) return null
  return [...code].every((c) => INVITATION_ALPHABET.includes(c)) ? code : null
}

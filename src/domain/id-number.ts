/** Resident ID numbers (GB 11643-1999): 17 digits and a check character (0-9 or X). */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

/** Upper-cases a trailing x and strips surrounding spaces. */
export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase()
}

/** The check character for the first 17 digits (ISO 7064 MOD 11-2). */
export function idCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

/** Why an ID number is invalid, or null when it is valid. */
export function idNumberProblem(raw: string): string | null {
  const id = normalizeIdNumber(raw)
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号应为18位，最后一位可以是数字或X'
  if (!isValidBirthDate(id.slice(6, 14))) return '身份证号中的出生日期不正确'
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return '身份证号校验位不正确，请核对'
  return null
}

export function isValidIdNumber(raw: string): boolean {
  return idNumberProblem(raw) === null
}

function isValidBirthDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4))
  const m = Number(yyyymmdd.slice(4, 6))
  const d = Number(yyyymmdd.slice(6, 8))
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return d <= daysInMonth
}

/** Birth date (YYYY-MM-DD) and gender read from a valid ID number. */
export function idNumberFacts(raw: string): { birthDate: string; gender: 'male' | 'female' } {
  const id = normalizeIdNumber(raw)
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
  return { birthDate, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' }
}

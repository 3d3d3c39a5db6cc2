/** Masked forms of sensitive values, for lists and notices. */

/** `532504199001011234` -> `5325**********1234`. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length)
  return id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4)
}

/** `13812345678` -> `138****5678`. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length)
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4)
}

/** `张三` -> `张*`, `张小明` -> `张*明`, `欧阳小明` -> `欧**明`. */
export function maskName(name: string): string {
  const chars = Array.from(name)
  if (chars.length <= 1) return name
  if (chars.length === 2) return `${chars[0]}*`
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1]
}

/** `6222021234567890123` -> `6222 **** 0123`: enough to recognise one's own card. */
export function maskBankAccount(account: string): string {
  if (account.length <= 8) return '*'.repeat(account.length)
  return `${account.slice(0, 4)} **** ${account.slice(-4)}`
}

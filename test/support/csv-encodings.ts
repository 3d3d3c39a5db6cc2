/** The ways an operator's CSV file arrives, for tests of every import: Excel's "CSV UTF-8" (with a BOM), plain UTF-8, and GB18030. */

/** GB18030 bytes of `text`, by searching two-byte codes with TextDecoder (tests only; ASCII stays one byte). */
export function encodeGb18030(text: string): Uint8Array {
  const decoder = new TextDecoder('gb18030')
  const table = new Map<string, number[]>()
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue
      const ch = decoder.decode(new Uint8Array([hi, lo]))
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo])
    }
  }
  const out: number[] = []
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0))
    else {
      const code = table.get(ch)
      if (!code) throw new Error(`no GB18030 two-byte code for ${ch}`)
      out.push(...code)
    }
  }
  return new Uint8Array(out)
}

const utf8 = (text: string) => new TextEncoder().encode(text)

/** [name, encode] for `it.each`: the same text as each encoding's bytes. */
export const CSV_ENCODINGS: [string, (text: string) => Uint8Array][] = [
  ['UTF-8 with a BOM (Excel: CSV UTF-8)', (text) => utf8(`\uFEFF${text}`)],
  ['UTF-8 without a BOM', utf8],
  ['GB18030 (Excel: plain CSV on a Chinese Windows)', encodeGb18030],
]

/** Bytes that are neither UTF-8 nor GB18030 (0xFF starts no character in either). */
export const UNREADABLE_CSV = new Uint8Array([0x69, 0x64, 0x0a, 0xff, 0xfe, 0x0a])

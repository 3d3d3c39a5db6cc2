/** A small deterministic PRNG (mulberry32): the same seed gives the same demo data, benchmark and test sets. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A normally distributed value (Box-Muller) from a uniform source. */
export function gaussian(random: () => number): number {
  const u = 1 - random()
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}

/** An integer in `[min, max]`. */
export const randomInt = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1))

/** One element of a non-empty list. */
export const pick = <T>(random: () => number, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]

/** A shuffled copy (Fisher-Yates). */
export function shuffled<T>(random: () => number, xs: readonly T[]): T[] {
  const out = [...xs]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/**
 * `total` split into integer parts proportional to `weights` (largest remainder), each at least
 * `min`. Requires `total >= min * weights.length`.
 */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const rest = total - min * weights.length
  if (rest < 0) throw new Error('apportion: total too small')
  const sum = weights.reduce((a, b) => a + b, 0)
  const exact = weights.map((w) => (rest * w) / sum)
  const parts = exact.map(Math.floor)
  let left = rest - parts.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (const [, i] of order) {
    if (left-- <= 0) break
    parts[i]++
  }
  return parts.map((p) => p + min)
}

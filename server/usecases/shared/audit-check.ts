import type { AuditAnchor, Cipher, Repositories } from '../../ports'
import { anchorHash } from './audit-anchor'
import { auditHash, GENESIS } from './audit'

/** Where the log breaks: the stream and seq, or the anchor, and why. */
export interface AuditBreak {
  stream: string
  seq: number
  reason: string
}

const PAGE = 500

/** Every anchor in order; the first break of their own chain, or the pins they hold per stream (seq -> hash). */
async function readAnchors(repos: Repositories, cipher: Cipher): Promise<{ broken: AuditBreak | null; pins: Map<string, Map<number, string>>; last: AuditAnchor | null }> {
  const pins = new Map<string, Map<number, string>>()
  let last: AuditAnchor | null = null
  for (;;) {
    const batch = await repos.audit.anchors((last?.n ?? 0) + 1, PAGE)
    for (const a of batch) {
      const at = { stream: 'anchor', seq: a.n }
      if (a.n !== (last?.n ?? 0) + 1) return { broken: { ...at, seq: (last?.n ?? 0) + 1, reason: 'missing anchor' }, pins, last }
      if (a.prevHash !== (last?.hash ?? GENESIS)) return { broken: { ...at, reason: 'anchor chain broken' }, pins, last }
      if (anchorHash(cipher, a) !== a.hash) return { broken: { ...at, reason: 'anchor changed' }, pins, last }
      for (const h of a.heads) {
        const stream = pins.get(h.stream) ?? new Map<number, string>()
        stream.set(h.seq, h.hash)
        pins.set(h.stream, stream)
      }
      last = a
    }
    if (batch.length < PAGE) return { broken: null, pins, last }
  }
}

/**
 * Walks every stream and every anchor. Returns the first break: an event changed, missing or
 * moved within its stream; an anchor changed or missing; or a stream that ends (or is gone)
 * before a head an anchor recorded (its tail cut off). Null when intact.
 */
export async function findAuditBreak(repos: Repositories, cipher: Cipher): Promise<AuditBreak | null> {
  const anchors = await readAnchors(repos, cipher)
  if (anchors.broken) return anchors.broken
  const { pins } = anchors
  let prev = { stream: '', seq: 0, hash: GENESIS }
  const endOf = (stream: string, seq: number): AuditBreak | null => {
    const beyond = [...(pins.get(stream)?.keys() ?? [])].filter((s) => s > seq)
    pins.delete(stream)
    return beyond.length ? { stream, seq: seq + 1, reason: 'events cut off before the last anchor' } : null
  }
  for (;;) {
    const batch = await repos.audit.list(prev.stream ? { stream: prev.stream, seq: prev.seq } : null, PAGE)
    for (const e of batch) {
      if (e.stream !== prev.stream) {
        const cut = prev.stream ? endOf(prev.stream, prev.seq) : null
        if (cut) return cut
        prev = { stream: e.stream, seq: 0, hash: GENESIS }
      }
      const at = { stream: e.stream, seq: e.seq }
      if (e.seq !== prev.seq + 1) return { ...at, seq: prev.seq + 1, reason: 'missing event' }
      if (e.prevHash !== prev.hash) return { ...at, reason: 'chain broken' }
      const { hash, ...rest } = e
      if (auditHash(cipher, rest) !== hash) return { ...at, reason: 'event changed' }
      const pinned = pins.get(e.stream)?.get(e.seq)
      if (pinned !== undefined && pinned !== hash) return { ...at, reason: 'differs from the anchor' }
      prev = { stream: e.stream, seq: e.seq, hash }
    }
    if (batch.length < PAGE) break
  }
  const cut = prev.stream ? endOf(prev.stream, prev.seq) : null
  if (cut) return cut
  // Streams an anchor recorded that have no event left at all.
  for (const stream of [...pins.keys()].sort()) return { stream, seq: 1, reason: 'events cut off before the last anchor' }
  return null
}


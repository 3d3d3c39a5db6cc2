import type { PackedCase } from '@/domain/api/review'
import { api } from '@/api'
import { NETWORK_FAILURE } from '@/api/reply'
import { dropPack, readPack, writePack } from '@/offline/field-packs'
import type { VisitSubject } from './kept-visit'

const KEY = 'visits'
const NETWORK_MESSAGE = NETWORK_FAILURE.ok ? '' : NETWORK_FAILURE.error.message

/**
 * Keeps the cases waiting for the caseworker's home visit on the phone (called when the queue
 * shows): with signal they replace what was kept; refused (no longer a caseworker here), what was
 * kept goes; without signal what was kept stays.
 */
export async function refreshVisitPack(): Promise<void> {
  const reply = await api.review.visitPack({})
  if (reply.ok) return writePack<PackedCase>(KEY, { at: reply.data.at, items: reply.data.cases })
  if (reply.error.message !== NETWORK_MESSAGE) dropPack(KEY)
}

/** A case kept on the phone for a visit without signal, with when the server read it; null when none (or too old). */
export function readPackedCase(id: string): { packed: PackedCase; at: string } | null {
  const pack = readPack<PackedCase>(KEY)
  const packed = pack?.items.find((c) => c.id === id)
  return pack && packed ? { packed, at: pack.at } : null
}

/** What the visit form is filled against, from the kept case. */
export const subjectOf = (c: PackedCase): VisitSubject => ({
  application: { id: c.id, number: c.number, version: c.version, status: c.status },
  review: { length: c.reviewCount },
})

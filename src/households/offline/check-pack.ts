import type { CheckPack, CheckView } from '@/domain/api/households'
import type { ApiReply } from '@/domain/contract'
import { api } from '@/api'
import { NETWORK_FAILURE } from '@/api/reply'
import { dropPack, readPack, writePack } from '@/offline/field-packs'

const NETWORK_MESSAGE = NETWORK_FAILURE.ok ? '' : NETWORK_FAILURE.error.message
const keyOf = (campaignId: string) => `checks.${campaignId}`
/** A campaign's kept households are read again at most this often. */
const REFRESH_MS = 10 * 60_000

/** A check shown from what was kept on the phone: `offlineAt` says when the server read it. */
export type MaybeKeptCheck = CheckView & { offlineAt?: string }

/**
 * Keeps the campaign's households still to check on the phone (called when the campaign's list
 * shows, read again when older than ten minutes): with signal they replace what was kept; refused,
 * what was kept goes; without signal what was kept stays.
 */
export async function refreshCheckPack(campaignId: string): Promise<void> {
  // The pack reads the whole campaign's scope, as the list does: at most once in a while.
  const kept = readPack<CheckPack>(keyOf(campaignId))
  if (kept && Date.now() - Date.parse(kept.at) < REFRESH_MS) return
  const reply = await api.households.checkPack({ campaignId })
  if (reply.ok) return writePack<CheckPack>(keyOf(campaignId), { at: reply.data.at, items: [reply.data] })
  if (reply.error.message !== NETWORK_MESSAGE) dropPack(keyOf(campaignId))
}

/** The check page's reply, or, when it never reached the server, the check kept on the phone for this household. */
export function orKeptCheck(reply: ApiReply<CheckView>, campaignId: string, householdId: string): ApiReply<MaybeKeptCheck> {
  if (reply.ok || reply.error.message !== NETWORK_MESSAGE) return reply
  const pack = readPack<CheckPack>(keyOf(campaignId))
  const kept = pack?.items[0]?.checks.find((c) => c.household.id === householdId)
  return pack && kept ? { ok: true, data: { ...kept, campaign: pack.items[0].campaign, mayRecord: true, offlineAt: pack.at } } : reply
}

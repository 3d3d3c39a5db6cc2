import { useEffect, useRef, useState } from 'react'
import { api } from '@/api'
import type { SubscribeTemplates } from '@/domain/api/account'
import { askSubscribe, canSubscribe } from '@/platform/subscribe'

/** Which message kinds to ask for. */
export type SubscribeKind = keyof SubscribeTemplates

/** What the page needs to offer WeChat's subscribe dialog from a tap. */
export interface SubscribeOffer {
  /** The templates on offer and the acceptances held; null until loaded (or outside WeChat). */
  templates: SubscribeTemplates | null
  /**
   * Shows WeChat's dialog for `kinds` and records what was accepted. Call it first thing in a tap
   * handler, before any await; the answer and its recording come later. Resolves with the templates
   * as recorded (unchanged when nothing was accepted or nothing was on offer).
   */
  ask(kinds: readonly SubscribeKind[]): Promise<SubscribeTemplates | null>
}

/**
 * The subscribe templates of `unitId` (the unit a worker applies to; staff: their own unit), loaded
 * when the page opens: WeChat's dialog itself may only open from a tap, never on load.
 */
export function useSubscribeOffer(unitId?: string): SubscribeOffer {
  const [templates, setTemplates] = useState<SubscribeTemplates | null>(null)
  const latest = useRef<SubscribeTemplates | null>(null)
  latest.current = templates

  useEffect(() => {
    if (!canSubscribe) return
    let live = true
    void api.account.subscribeTemplates(unitId ? { unitId } : {}).then((r) => live && r.ok && setTemplates(r.data))
    return () => {
      live = false
    }
  }, [unitId])

  const ask = (kinds: readonly SubscribeKind[]) => {
    const offered = kinds.map((k) => latest.current?.[k]?.templateId).filter((id): id is string => !!id)
    if (!offered.length) return Promise.resolve(latest.current)
    const answer = askSubscribe(offered)
    return answer.then(async (accepted) => {
      if (!accepted.length) return latest.current
      const r = await api.account.acceptSubscriptions({ ...(unitId ? { unitId } : {}), accepted })
      if (r.ok) setTemplates(r.data)
      return r.ok ? r.data : latest.current
    })
  }
  return { templates, ask }
}

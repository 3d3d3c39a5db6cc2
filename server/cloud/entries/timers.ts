import * as cloud from 'wx-server-sdk'
import { subscribeMessageNotifier, type SubscribeMessageApi } from '../../adapters/cloudbase/subscribe-notifier'
import { deliverOutbox, type DeliveryReport } from '../../usecases/shared/deliver-outbox'
import { endNotices } from '../../usecases/review/notices'
import { containerDeps } from '../main'

/** Entries one run takes: sent one by one, well within the function's timeout. */
const BATCH = 50

let api: SubscribeMessageApi | null = null

/** wx-server-sdk's cloud call, initialised on first use (its own node-sdk reads the function's environment). */
function subscribeMessages(): SubscribeMessageApi {
  if (!api) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    api = { send: (request) => cloud.openapi.subscribeMessage.send(request) as Promise<unknown> }
  }
  return api
}

/**
 * The CloudBase entry of the `timers` function, run by its timer trigger (not an API function:
 * no caller, no event contract). Ends the public notices whose period is over, then delivers due
 * outbox entries as WeChat subscribe messages.
 */
export async function main(_event?: unknown, _context?: unknown): Promise<(DeliveryReport & { noticesEnded: number }) | { error: string }> {
  const deps = containerDeps()
  if (!deps) return { error: 'configuration incomplete' }
  try {
    const noticesEnded = await endNotices(deps)
    const delivery = await deliverOutbox(deps, subscribeMessageNotifier(deps.store.repos, subscribeMessages(), deps.settings.defaultUnitId), { limit: BATCH })
    const report = { ...delivery, noticesEnded }
    console.log(`[timers] ${JSON.stringify(report)}`)
    return report
  } catch (err) {
    console.error(`[timers] ${err instanceof Error ? `${err.name}: ${err.message}` : 'non-error thrown'}`)
    return { error: 'delivery run failed' }
  }
}

import { Text, View } from '@tarojs/components'
import Taro, { useReachBottom } from '@tarojs/taro'
import PageState, { LoadMore } from '@/components/page-state'
import StatusTag from '@/components/status-tag'
import type { CallTaskView } from '@/domain/api/review'
import { callReasonLabel } from '@/domain/assisted'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { cursorPages, usePages } from '@/hooks/use-pages'
import { useOnShow } from '@/hooks/use-on-show'
import { api } from '@/api'
import { ROUTES } from '@/routes'
import { formatDateTime } from '@/text/format'
import '../queue/index.css'
import { pressable } from '@/components/pressable'

const PAGE_SIZE = 20

/**
 * 电话联系: the workers of the jurisdiction to call — a decision no WeChat message could carry, a
 * returned application not resubmitted in time — oldest first. A case opens to log the call.
 */
export default function CallsPage() {
  const [largeText] = useLargeText()
  const { list, load, more, reload } = usePages({ ...cursorPages<CallTaskView>(), fetch: (_q: null, cursor) => api.review.callTasks({ ...(cursor ? { cursor } : {}), pageSize: PAGE_SIZE }) })
  useOnShow(() => void load(null))
  useReachBottom(more)
  return (
    <View className={pageClass(largeText, 'calls')}>
      <PageState state={list} onRetry={() => void reload()} isEmpty={(l) => l.items.length === 0} empty={{ message: '暂无需要电话联系的职工' }}>
        {(l) => (
          <View className='calls-list' data-count={l.items.length}>
            {l.items.map((t) => (
              <View
                key={t.applicationId}
                className='card card--item'
                hoverClass='card--pressed'
                {...pressable(`${t.number} ${t.nameMasked}`)}
                data-call={t.number}
                onClick={() => void Taro.navigateTo({ url: ROUTES.reviewCase(t.applicationId) })}
              >
                <View className='queue-item__head'>
                  <Text className='queue-item__number'>{t.number}</Text>
                  <StatusTag status={t.status} />
                </View>
                <Text className='queue-item__name'>{t.nameMasked}</Text>
                <Text className='queue-item__line'>{t.unitName}</Text>
                {t.reasons.map((r) => (
                  <Text key={r} className='queue-item__line'>· {callReasonLabel(r)}</Text>
                ))}
                {t.typedBy && <Text className='queue-item__line'>{t.typedBy}</Text>}
                <Text className='queue-item__line'>
                  {formatDateTime(t.openedAt)} 起待联系{t.attempts ? `，已拨打${t.attempts}次` : ''}
                </Text>
              </View>
            ))}
            <LoadMore list={l} onMore={more} />
          </View>
        )}
      </PageState>
    </View>
  )
}

import { Button, View } from '@tarojs/components'
import Taro, { useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import PageState, { LoadMore } from '@/components/page-state'
import type { CampaignItem } from '@/domain/api/households'
import { api, newRequestId } from '@/api'
import { cursorPages, usePages } from '@/hooks/use-pages'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { useOnShow } from '@/hooks/use-on-show'
import { ROUTES } from '@/routes'
import { useRoles } from '../use-roles'
import CampaignCard from './campaign-card'
import OpenForm from './open-form'
import '../households.css'
import './index.css'
import { confirmAction } from '@/components/confirm'

/** Campaigns per page (a province's list grows by about one a year per unit that opens one). */
const PAGE_SIZE = 20

/** 户户清核查: the yearly campaigns; admins open and close them. */
export default function CampaignsPage() {
  const [largeText] = useLargeText()
  const isAdmin = useRoles().includes('admin')
  const { list, load, more, reload } = usePages({
    ...cursorPages<CampaignItem>(),
    fetch: (_q: null, cursor: string) => api.households.campaigns({ pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
  })
  const [opening, setOpening] = useState(false)
  useOnShow(() => void load(null))
  useReachBottom(() => more())

  const close = async (item: CampaignItem) => {
    if (!(await confirmAction({ title: '结束活动', content: `结束“${item.name}”后不能再登记核查结果。`, confirmText: '结束', danger: true }))) return
    const reply = await api.households.closeCampaign({ campaignId: item.id, expectedVersion: item.version }, { requestId: newRequestId() })
    void Taro.showToast({ title: reply.ok ? '活动已结束' : reply.error.message, icon: reply.ok ? 'success' : 'none', duration: 2500 })
    void reload()
  }

  return (
    <View className={pageClass(largeText, 'hh-campaigns')}>
      {isAdmin && !opening && (
        <Button className='btn btn--primary hh-campaigns__open' data-action='openCampaign' onClick={() => setOpening(true)}>
          发起户户清核查
        </Button>
      )}
      {opening && (
        <View className='card'>
          <OpenForm
            onCancel={() => setOpening(false)}
            onOpened={(c) => {
              setOpening(false)
              void Taro.showToast({ title: '核查活动已发起', icon: 'success', duration: 2000 })
              void Taro.navigateTo({ url: ROUTES.campaign(c.id) })
            }}
          />
        </View>
      )}
      <PageState state={list} onRetry={() => void reload()} isEmpty={(l) => l.items.length === 0} empty={{ message: '还没有户户清核查活动' }}>
        {(l) => (
          <View className='hh-campaigns__list' data-count={l.last.total}>
            {l.items.map((item) => (
              <CampaignCard
                key={item.id}
                item={item}
                onTap={() => void Taro.navigateTo({ url: ROUTES.campaign(item.id) })}
                onClose={isAdmin && item.status === 'open' ? () => void close(item) : undefined}
              />
            ))}
            <LoadMore list={l} onMore={more} />
          </View>
        )}
      </PageState>
    </View>
  )
}

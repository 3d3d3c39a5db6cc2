import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import PageState, { LoadMore } from '@/components/page-state'
import type { StaffView } from '@/domain/api/admin'
import { api } from '@/api'
import { cursorPages, usePages } from '@/hooks/use-pages'
import { ROUTES } from '@/routes'
import { AdminPage } from '../components/admin-gate'
import type { UnitRef } from '@/components/unit-picker'
import UnitPickerCard from '@/components/unit-picker/card'
import { adminUnits } from '@/components/unit-picker/sources'
import StaffItem from './staff-item'
import '../admin.css'
import './index.css'

const PAGE_SIZE = 20

/** 工作人员: staff of the jurisdiction (or of a chosen unit and the units below it), their roles; change roles, deactivate. */
export default function AdminStaffPage() {
  return (
    <AdminPage className='admin staff'>
      <StaffList />
    </AdminPage>
  )
}

function StaffList() {
  const [scope, setScope] = useState<UnitRef | null>(null)
  const [picking, setPicking] = useState(false)
  const { list, load, more, reload } = usePages({
    ...cursorPages<StaffView>(),
    fetch: (unitId: string | undefined, cursor: string) => api.admin.listStaff({ pageSize: PAGE_SIZE, ...(unitId ? { unitId } : {}), ...(cursor ? { cursor } : {}) }),
  })
  useEffect(() => void load(scope?.id), [scope, load])

  return (
    <View>
      <View className='admin-nav'>
        <Button className='btn btn--primary btn--small' data-action='invite' onClick={() => void Taro.navigateTo({ url: ROUTES.adminInvitations(scope?.id) })}>
          邀请人员
        </Button>
        <Button className='btn btn--secondary btn--small' data-action='units' onClick={() => void Taro.navigateTo({ url: ROUTES.adminUnits() })}>
          工会组织
        </Button>
      </View>
      <View className='card staff__scope'>
        <Text className='admin-item__line' data-scope={scope?.id ?? ''}>
          范围：{scope ? `${scope.name}及其下级单位` : '您管辖的全部单位'}
        </Text>
        {!picking && (
          <View className='admin-item__actions'>
            <Button className='btn btn--secondary btn--small' data-action='pick-scope' onClick={() => setPicking(true)}>
              按单位查看
            </Button>
            {scope && (
              <Button className='btn btn--secondary btn--small' data-action='all-units' onClick={() => setScope(null)}>
                查看全部
              </Button>
            )}
          </View>
        )}
      </View>
      {picking && (
        <UnitPickerCard
          mode='browse'
          load={adminUnits}
          title='查看哪个单位的工作人员'
          startId={scope?.id}
          pickText='看这个单位'
          onPick={(u) => {
            setScope(u)
            setPicking(false)
          }}
          onCancel={() => setPicking(false)}
        />
      )}
      <PageState
        state={list}
        onRetry={() => void reload()}
        isEmpty={(l) => l.items.length === 0}
        empty={{ message: '这里还没有工作人员', actionText: '邀请人员', onAction: () => void Taro.navigateTo({ url: ROUTES.adminInvitations(scope?.id) }) }}
      >
        {(list) => (
          <View className='staff-list' data-count={list.last.total}>
            <Text className='admin-note'>共 {list.last.total} 人</Text>
            {list.items.map((s) => (
              <StaffItem key={`${s.openid}@${s.version}`} staff={s} onChanged={() => void reload()} />
            ))}
            <LoadMore list={list} onMore={more} />
          </View>
        )}
      </PageState>
    </View>
  )
}

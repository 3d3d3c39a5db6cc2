import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import EmptyState from '@/components/empty-state'
import LoadError from '@/components/load-error'
import type { StaffView } from '@/domain/api/admin'
import { api } from '@/api'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { ROUTES } from '@/routes'
import AdminGate from '../components/admin-gate'
import UnitPicker, { type PickedUnit } from '../components/unit-picker'
import StaffItem from './staff-item'
import '../admin.css'
import './index.css'

const PAGE_SIZE = 20

type List = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; items: StaffView[]; total: number; page: number }

/** 工作人员: staff of the jurisdiction (or of a chosen unit and the units below it), their roles; change roles, deactivate. */
export default function AdminStaffPage() {
  const [largeText] = useLargeText()
  return (
    <View className={pageClass(largeText, 'admin staff')}>
      <AdminGate>
        <StaffList />
      </AdminGate>
    </View>
  )
}

function StaffList() {
  const [scope, setScope] = useState<PickedUnit | null>(null)
  const [picking, setPicking] = useState(false)
  const [list, setList] = useState<List>({ kind: 'loading' })

  const load = useCallback(async (unitId: string | undefined, page: number, previous: StaffView[]) => {
    const reply = await api.admin.listStaff(unitId ? { page, pageSize: PAGE_SIZE, unitId } : { page, pageSize: PAGE_SIZE })
    if (!reply.ok) return setList({ kind: 'error', message: reply.error.message })
    setList({ kind: 'ready', items: [...previous, ...reply.data.items], total: reply.data.total, page })
  }, [])
  useEffect(() => void load(scope?.id, 1, []), [scope, load])
  const reload = () => void load(scope?.id, 1, [])

  return (
    <View>
      <View className='admin-nav'>
        <Button className='btn btn--primary btn--small' data-action='invite' onClick={() => void Taro.navigateTo({ url: ROUTES.adminInvitations })}>
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
        <UnitPicker
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
      {list.kind === 'loading' && <Text className='state-text'>正在加载…</Text>}
      {list.kind === 'error' && <LoadError message={list.message} onRetry={reload} />}
      {list.kind === 'ready' && list.items.length === 0 && <EmptyState message='这里还没有工作人员' actionText='邀请人员' onAction={() => void Taro.navigateTo({ url: ROUTES.adminInvitations })} />}
      {list.kind === 'ready' && list.items.length > 0 && (
        <View className='staff-list' data-count={list.total}>
          <Text className='admin-note'>共 {list.total} 人</Text>
          {list.items.map((s) => (
            <StaffItem key={`${s.openid}@${s.version}`} staff={s} onChanged={reload} />
          ))}
          {list.items.length < list.total && (
            <Button className='btn btn--secondary' onClick={() => void load(scope?.id, list.page + 1, list.items)} data-more>
              加载更多
            </Button>
          )}
        </View>
      )}
    </View>
  )
}

import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import PageState from '@/components/page-state'
import { UnitLink, UnitTrail } from '@/components/unit-picker'
import type { UnitListing } from '@/domain/api/admin'
import { api } from '@/api'
import { readParam, ROUTES } from '@/routes'
import { useLoader } from '@/hooks/use-loader'
import { AdminPage } from '../components/admin-gate'
import NewChild from './new-child'
import UnitCard from './unit-card'
import '../admin.css'
import './index.css'

/** 组织与人员: the union tree a level at a time (`?unitId=`, default the admin's own unit); add, rename and move units. */
export default function AdminUnitsPage() {
  return (
    <AdminPage className='admin admin-units'>
      <UnitTree startId={readParam(useRouter().params.unitId)} />
    </AdminPage>
  )
}

function UnitTree({ startId }: { startId: string }) {
  // Going down stays on this page: a page per level would fill WeChat's ten-page stack.
  const [unitId, setUnitId] = useState(startId)
  const [state, reload] = useLoader(() => api.admin.units(unitId ? { unitId } : {}))
  useEffect(() => {
    void reload()
  }, [unitId, reload])
  const go = (id: string) => {
    setUnitId(id)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  }

  return (
    <View>
      <View className='admin-nav'>
        <Button className='btn btn--secondary btn--small' data-action='invitations' onClick={() => void Taro.navigateTo({ url: ROUTES.adminInvitations(state.kind === 'ready' ? state.data.unit.id : unitId || undefined) })}>
          邀请人员
        </Button>
        <Button className='btn btn--secondary btn--small' data-action='staff' onClick={() => void Taro.navigateTo({ url: ROUTES.adminStaff })}>
          工作人员
        </Button>
        <Button className='btn btn--secondary btn--small' data-action='stations' onClick={() => void Taro.navigateTo({ url: ROUTES.adminStations })}>
          站点管理
        </Button>
      </View>
      <PageState state={state} onRetry={() => void reload()}>
        {(s) => <Level listing={s.data} onGo={go} onChanged={() => void reload()} />}
      </PageState>
    </View>
  )
}

function Level({ listing, onGo, onChanged }: { listing: UnitListing; onGo: (id: string) => void; onChanged: () => void }) {
  const { unit, ancestors, children } = listing
  return (
    <View data-unit-id={unit.id}>
      <UnitTrail trail={ancestors} onOpen={onGo} />
      <UnitCard key={`${unit.id}@${unit.version}`} listing={listing} onChanged={onChanged} />
      <View className='card'>
        <Text className='card__title'>下级单位（{children.length}）</Text>
        {children.length === 0 && <Text className='admin-note'>还没有下级单位</Text>}
        {children.map((c) => (
          <UnitLink key={c.id} unit={c} onOpen={onGo} />
        ))}
        <NewChild key={unit.id} parentId={unit.id} onCreated={onChanged} />
      </View>
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import PageState, { LoadMore } from '@/components/page-state'
import type { CreatedInvitation, InvitationView } from '@/domain/api/admin'
import { api } from '@/api'
import { cursorPages, usePages } from '@/hooks/use-pages'
import { readParam } from '@/routes'
import { AdminPage } from '../components/admin-gate'
import CodeBox from './code-box'
import InvitationForm from './invitation-form'
import { InvitationItem } from './invitation-item'
import '../admin.css'
import './index.css'

const PAGE_SIZE = 20

/** 邀请人员: create a one-time code (shown once) for the unit being viewed (`?unitId=`), and the jurisdiction's invitations with their status. */
export default function AdminInvitationsPage() {
  return (
    <AdminPage className='admin invitations'>
      <Invitations unitId={readParam(useRouter().params.unitId)} />
    </AdminPage>
  )
}

function Invitations({ unitId }: { unitId: string }) {
  const [created, setCreated] = useState<CreatedInvitation | null>(null)
  const { list, load, more, reload } = usePages({ ...cursorPages<InvitationView>(), fetch: (_: null, cursor: string) => api.admin.listInvitations({ pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) }) })
  useEffect(() => void load(null), [load])

  return (
    <View>
      {created ? (
        <CodeBox created={created} onDone={() => setCreated(null)} />
      ) : (
        <InvitationForm
          unitId={unitId}
          onCreated={(c) => {
            setCreated(c)
            void reload()
          }}
        />
      )}
      <Text className='invitations__heading'>已生成的邀请</Text>
      <PageState state={list} onRetry={() => void reload()} isEmpty={(l) => l.items.length === 0} empty={{ message: '还没有生成过邀请码' }}>
        {(list) => (
          <View className='invitation-list' data-count={list.last.total}>
            {list.items.map((i) => (
              <InvitationItem key={i.invitationId} invitation={i} onChanged={() => void reload()} />
            ))}
            <LoadMore list={list} onMore={more} />
          </View>
        )}
      </PageState>
    </View>
  )
}

import { Button, Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import EmptyState from '@/components/empty-state'
import LoadError from '@/components/load-error'
import type { CreatedInvitation, InvitationView } from '@/domain/api/admin'
import { api } from '@/api'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import AdminGate from '../components/admin-gate'
import CodeBox from './code-box'
import InvitationForm from './invitation-form'
import { InvitationItem } from './invitation-item'
import '../admin.css'
import './index.css'

const PAGE_SIZE = 20

type List = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; items: InvitationView[]; total: number; page: number }

/** 邀请人员: create a one-time code (shown once), and the jurisdiction's invitations with their status. */
export default function AdminInvitationsPage() {
  const [largeText] = useLargeText()
  return (
    <View className={pageClass(largeText, 'admin invitations')}>
      <AdminGate>
        <Invitations />
      </AdminGate>
    </View>
  )
}

function Invitations() {
  const [created, setCreated] = useState<CreatedInvitation | null>(null)
  const [list, setList] = useState<List>({ kind: 'loading' })

  const load = useCallback(async (page: number, previous: InvitationView[]) => {
    const reply = await api.admin.listInvitations({ page, pageSize: PAGE_SIZE })
    if (!reply.ok) return setList({ kind: 'error', message: reply.error.message })
    setList({ kind: 'ready', items: [...previous, ...reply.data.items], total: reply.data.total, page })
  }, [])
  useEffect(() => void load(1, []), [load])
  const reload = () => void load(1, [])

  return (
    <View>
      {created ? (
        <CodeBox created={created} onDone={() => setCreated(null)} />
      ) : (
        <InvitationForm
          onCreated={(c) => {
            setCreated(c)
            reload()
          }}
        />
      )}
      <Text className='invitations__heading'>已生成的邀请</Text>
      {list.kind === 'loading' && <Text className='state-text'>正在加载…</Text>}
      {list.kind === 'error' && <LoadError message={list.message} onRetry={reload} />}
      {list.kind === 'ready' && list.items.length === 0 && <EmptyState message='还没有生成过邀请码' />}
      {list.kind === 'ready' && list.items.length > 0 && (
        <View className='invitation-list' data-count={list.total}>
          {list.items.map((i) => (
            <InvitationItem key={i.invitationId} invitation={i} onChanged={reload} />
          ))}
          {list.items.length < list.total && (
            <Button className='btn btn--secondary' onClick={() => void load(list.page + 1, list.items)} data-more>
              加载更多
            </Button>
          )}
        </View>
      )}
    </View>
  )
}

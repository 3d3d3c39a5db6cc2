import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import PageState, { LoadMore } from '@/components/page-state'
import type { PersonRequestView } from '@/domain/api/admin'
import { api } from '@/api'
import { cursorPages, usePages } from '@/hooks/use-pages'
import { formatDate } from '@/text/format'
import { AdminPage } from '../components/admin-gate'
import CloseForm from './close-form'
import { daysLeftText, KIND_LABELS } from './kinds'
import RequestForm from './request-form'
import '../admin.css'
import './index.css'

const PAGE_SIZE = 20

/** 个人信息请求: the open requests of the jurisdiction with their deadlines; record a new one, close one. For reviewers and admins. */
export default function PersonRequestsPage() {
  return (
    <AdminPage className='admin person-requests' roles={['reviewer', 'admin']}>
      <Requests />
    </AdminPage>
  )
}

function Requests() {
  const { list, load, more, reload } = usePages({
    ...cursorPages<PersonRequestView>(),
    fetch: (_q: null, cursor: string) => api.admin.listPersonRequests({ pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
  })
  const [adding, setAdding] = useState(false)
  const [closing, setClosing] = useState<string | null>(null)
  useEffect(() => void load(null), [load])
  const done = () => (setAdding(false), setClosing(null), void reload())

  return (
    <View>
      <Text className='admin-note'>本人要求查阅复制、更正、删除或限制处理其个人信息的，在此登记，并在收到之日起30天内答复；拒绝的须说明理由。</Text>
      {adding ? (
        <View className='card'>
          <RequestForm onDone={done} onCancel={() => setAdding(false)} />
        </View>
      ) : (
        <View className='admin-nav'>
          <Button className='btn btn--primary btn--small' data-action='add-request' onClick={() => setAdding(true)}>
            登记新请求
          </Button>
        </View>
      )}
      <PageState state={list} onRetry={() => void reload()} isEmpty={(l) => l.items.length === 0} empty={{ message: '目前没有待答复的请求' }}>
        {(l) => (
          <View className='request-list' data-count={l.last.total}>
            <Text className='admin-note'>待答复 {l.last.total} 件，最先到期的在前</Text>
            {l.items.map((r) => (
              <RequestItem key={`${r.id}@${r.version}`} request={r} closing={closing === r.id} onClose={() => setClosing(r.id)} onCancel={() => setClosing(null)} onDone={done} />
            ))}
            <LoadMore list={l} onMore={more} />
          </View>
        )}
      </PageState>
    </View>
  )
}

interface ItemProps {
  request: PersonRequestView
  closing: boolean
  onClose: () => void
  onCancel: () => void
  onDone: () => void
}

function RequestItem({ request: r, closing, onClose, onCancel, onDone }: ItemProps) {
  return (
    <View className='card card--item' data-request={r.id} data-overdue={r.overdue}>
      <View className='admin-item__head'>
        <Text className='admin-item__name'>{KIND_LABELS[r.kind]}</Text>
        <Text className={r.overdue ? 'status-pill status-pill--overdue' : 'status-pill status-pill--pending'} data-days-left={r.daysLeft}>
          {daysLeftText(r.daysLeft)}
        </Text>
      </View>
      <Text className='admin-item__line'>申请编号：{r.applicationNumber ?? r.applicationId}</Text>
      <Text className='admin-item__line'>收到日期：{formatDate(r.receivedOn)}</Text>
      <Text className='admin-item__line' data-due={r.dueOn}>
        答复期限：{formatDate(r.dueOn)}
      </Text>
      <Text className='admin-item__line request-note'>请求内容：{r.note}</Text>
      {closing ? (
        <CloseForm request={r} onDone={onDone} onCancel={onCancel} />
      ) : (
        <View className='admin-item__actions'>
          <Button className='btn btn--secondary btn--small' data-action='close-request' aria-label={`答复${KIND_LABELS[r.kind]}请求`} onClick={onClose}>
            答复并办结
          </Button>
        </View>
      )}
    </View>
  )
}

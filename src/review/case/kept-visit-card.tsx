import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import type { CaseAction, CaseView } from '@/domain/api/review'
import { formatDateTime } from '@/text/format'
import { onNetworkReturn } from '@/platform/network-return'
import { discardKeptVisit, readKeptVisit, sendKeptVisit, type KeptVisit } from '../offline/kept-visit'

/** Props of the kept visit's card. */
export interface KeptVisitCardProps {
  /** The case as the page has it (or as kept on the phone): its id and what this person may do. */
  view: { application: { id: string }; actions: readonly CaseAction[] }
  /** The visit reached the server: the case as it is now. */
  onSent: (view: CaseView) => void
  /** Opens the visit form again, with what is kept. */
  onEdit: () => void
  /** The case changed while the visit was kept: the page reads it again, so what changed is on screen. */
  onChanged: () => void
}

/**
 * A home visit kept on this phone for the case: 未上传 until the server has it, sent by itself when
 * the page shows and when the network returns; a case that changed meanwhile is shown to the
 * caseworker, who sends it anyway or drops it, never overwritten silently.
 */
export default function KeptVisitCard({ view, onSent, onEdit, onChanged }: KeptVisitCardProps) {
  const id = view.application.id
  const [kept, setKept] = useState<KeptVisit | null>(() => readKeptVisit(id))
  const [busy, setBusy] = useState(false)

  const send = useCallback(
    async (overrideConflict = false) => {
      const current = readKeptVisit(id)
      if (!current || current.state === 'editing' || (current.state === 'conflict' && !overrideConflict) || busy) return setKept(current)
      setBusy(true)
      const result = await sendKeptVisit(current, { overrideConflict })
      setBusy(false)
      setKept(readKeptVisit(id))
      if (result.sent) {
        void Taro.showToast({ title: '入户调查已上传', icon: 'success' })
        onSent(result.view)
        return
      }
      if (result.reason !== 'gone' && (overrideConflict || result.reason !== 'offline')) void Taro.showToast({ title: result.message, icon: 'none', duration: 3000 })
      if (result.reason === 'conflict') onChanged()
    },
    [id, busy, onSent, onChanged],
  )

  useEffect(() => {
    void send()
    return onNetworkReturn(() => void send())
    // Once per case shown: later sends come from the network or the buttons.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id])

  if (!kept) return null
  const waiting = kept.photos.filter((p) => !p.photoId).length
  return (
    <View className='card kept-visit' data-kept-visit={kept.state}>
      <Text className='card__title'>入户调查记录（{kept.state === 'editing' ? '未保存' : '未上传'}）</Text>
      <Text className='case-header__line'>
        {formatDateTime(kept.capturedAt)} 在本机填写{waiting ? `，${waiting}张照片未上传` : ''}
      </Text>
      {kept.state === 'conflict' && (
        <Text className='kept-visit__conflict' data-conflict>
          {kept.conflict}，记录没有覆盖。
          {view.actions.includes('recordVisit') ? '请先查看下方办理记录，再决定是否仍然提交。' : '案件已不在入户调查环节，这份记录不能再提交，可查看下方办理记录后放弃本机记录。'}
        </Text>
      )}
      {kept.state === 'waiting' && (
        <Button className='btn btn--primary' data-action='send-kept' disabled={busy} loading={busy} onClick={() => void send()}>
          立即上传
        </Button>
      )}
      {kept.state === 'conflict' && view.actions.includes('recordVisit') && (
        <Button className='btn btn--primary' data-action='send-kept-anyway' disabled={busy} onClick={() => void send(true)}>
          仍然提交
        </Button>
      )}
      {kept.state !== 'waiting' && view.actions.includes('recordVisit') && (
        <Button className='btn btn--secondary' data-action='edit-kept' onClick={onEdit}>
          继续填写
        </Button>
      )}
      {kept.state === 'conflict' && (
        <Button
          className='btn btn--secondary'
          data-action='drop-kept'
          onClick={() => {
            void discardKeptVisit(id)
            setKept(null)
          }}
        >
          放弃本机记录
        </Button>
      )}
    </View>
  )
}

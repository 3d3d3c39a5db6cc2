import { Text } from '@tarojs/components'
import { useEffect, useState } from 'react'
import DateField from '@/components/date-field'
import FormField from '@/components/form-field'
import type { DocumentView } from '@/domain/documents'
import { SIX_ITEMS, type SixItem } from '@/domain/review'
import { api } from '@/api'
import { shanghaiDateOf } from '@/domain/calendar'
import CheckRow from '../../components/check-row'
import TextAreaField from '@/components/text-area-field'
import DecisionFrame from './decision-frame'
import StaffNames from './staff-names'
import type { DecisionFormProps } from './types'
import VisitPhotos from './visit-photos'

const emptyFindings = () => Object.fromEntries(SIX_ITEMS.map((i) => [i.code, ''])) as Record<SixItem, string>

/** 入户调查: when, who, where, the six-item findings (六清), photos, and the signed authorization for the finance check. */
export default function VisitForm({ view, d, onCancel, refresh }: DecisionFormProps) {
  const today = shanghaiDateOf(new Date())
  const [date, setDate] = useState(today)
  const [staff, setStaff] = useState<string[]>(['', ''])
  const [place, setPlace] = useState('')
  const [findings, setFindings] = useState(emptyFindings)
  const [photos, setPhotos] = useState<DocumentView[]>([])
  const [authorized, setAuthorized] = useState(false)

  // The one filling it in was there: their name goes first (demo accounts have one; WeChat gives none).
  useEffect(() => {
    void api.account.me().then((r) => {
      const name = r.ok ? r.data.displayName : undefined
      if (name) setStaff((list) => (list[0] ? list : [name, ...list.slice(1)]))
    })
  }, [])

  const submit = () =>
    void d.submit('recordVisit', {
      date,
      staffPresent: staff.map((n) => n.trim()).filter(Boolean),
      place,
      findings,
      photoIds: photos.map((p) => p.id),
      // Sent as ticked or not: the shared schema answers an unticked box with its own message.
      authorizationCollected: authorized as true,
    })

  return (
    <DecisionFrame
      p={{ d, onCancel }}
      form='recordVisit'
      title='记录入户调查'
      lead='入户核实家庭情况，逐项填写六清核查情况。保存后案件进入民政核对。'
      submitText='保存调查记录'
      onSubmit={submit}
    >
      <DateField label='走访日期' value={date} end={today} {...d.bind('date', setDate)} />
      <StaffNames
        names={staff}
        errors={d.errors}
        onChange={(names) => {
          setStaff(names)
          d.clear('staffPresent')
        }}
      />
      <FormField label='走访地点' placeholder='例如：申请人家中（弥阳街道某小区）' maxlength={100} value={place} {...d.bind('place', setPlace)} />
      <Text className='case-form__section'>六清核查情况</Text>
      {SIX_ITEMS.map((item, i) => (
        <TextAreaField
          key={item.code}
          field={`findings.${item.code}`}
          label={`${i + 1}. ${item.label}`}
          value={findings[item.code]}
          error={d.errors[`findings.${item.code}`] ?? (i === 0 ? d.errors.findings : undefined)}
          onInput={(v) => {
            setFindings((prev) => ({ ...prev, [item.code]: v }))
            d.clear(`findings.${item.code}`)
          }}
        />
      ))}
      <VisitPhotos
        applicationId={view.application.id}
        photos={photos}
        onPhotos={setPhotos}
        // A registered photo raises the case's version: the record is then sent with the new one.
        onUploaded={refresh}
        error={d.errors.photoIds}
      />
      <CheckRow label='已收取签字的家庭经济状况核对授权书' checked={authorized} {...d.bind('authorizationCollected', setAuthorized)} />
    </DecisionFrame>
  )
}

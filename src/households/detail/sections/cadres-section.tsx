import { Button, Text, View } from '@tarojs/components'
import FormFrame from '@/components/form-frame'
import OptionList from '@/components/option-list'
import Section from '../../components/section'
import TextAreaField from '@/components/text-area-field'
import { useStaffChoices } from '../use-staff-choices'
import { useState } from 'react'
import { may, type FileSectionProps } from './types'

/** 结对帮扶干部: who is paired with the household; reviewers and admins pair and unpair. */
export default function CadresSection(props: FileSectionProps) {
  const { view, active, open } = props
  return (
    <Section name='cadres' title='结对帮扶干部' actionText={may(view, 'assignCadre') && active !== 'assignCadre' ? '添加' : undefined} action='assignCadre' onAction={() => open('assignCadre')}>
      {view.cadres.length === 0 && <Text className='hh-empty'>尚未确定结对帮扶干部</Text>}
      {view.cadres.map((c) => (
        <View key={c.openid} className='hh-entry' data-cadre={c.openid}>
          <View className='hh-entry__head'>
            <Text className='hh-entry__title'>{c.name}</Text>
            {may(view, 'removeCadre') && active !== `removeCadre:${c.openid}` && (
              <Button className='btn btn--danger btn--small' data-action='removeCadre' onClick={() => open(`removeCadre:${c.openid}`)}>
                解除结对
              </Button>
            )}
          </View>
          {active === `removeCadre:${c.openid}` && <RemoveForm {...props} openid={c.openid} name={c.name} />}
        </View>
      ))}
      {active === 'assignCadre' && <AssignForm {...props} />}
    </Section>
  )
}

function AssignForm({ view, act, close }: FileSectionProps) {
  const staff = useStaffChoices(view.id)
  const [openid, setOpenid] = useState('')
  const paired = new Set(view.cadres.map((c) => c.openid))
  const options = staff.kind === 'ready' ? staff.items.filter((s) => !paired.has(s.openid)).map((s) => ({ code: s.openid, label: `${s.name}（${s.unitName}）` })) : []
  return (
    <FormFrame form='assignCadre' title='确定结对帮扶干部' submitText='确定结对' busy={act.busy} onCancel={close} onSubmit={() => void act.submit('assignCadre', { expectedVersion: view.version, cadreOpenid: openid })}>
      {staff.kind === 'loading' && <Text className='hh-empty'>正在加载工作人员…</Text>}
      {staff.kind === 'error' && <Text className='field-error'>{staff.message}</Text>}
      {staff.kind === 'ready' && options.length === 0 && <Text className='hh-empty'>本辖区没有可结对的工作人员</Text>}
      {options.length > 0 && (
        <OptionList label='工作人员' options={options} value={openid} {...act.bind('cadreOpenid', setOpenid)} />
      )}
    </FormFrame>
  )
}

function RemoveForm({ view, act, close, openid, name }: FileSectionProps & { openid: string; name: string }) {
  const [note, setNote] = useState('')
  return (
    <FormFrame form='removeCadre' title={`解除与${name}的结对`} submitText='确认解除' busy={act.busy} onCancel={close} onSubmit={() => void act.submit('removeCadre', { expectedVersion: view.version, cadreOpenid: openid, note })}>
      <TextAreaField label='解除原因（可不填）' value={note} maxlength={200} {...act.bind('note', setNote)} />
    </FormFrame>
  )
}

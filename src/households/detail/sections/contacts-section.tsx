import { Text, View } from '@tarojs/components'
import Tag from '@/components/tag'
import { formatDate } from '@/text/format'
import { CONTACT_KINDS } from '@/domain/household-codes'
import { labelOf } from '@/text/household-text'
import Section from '../../components/section'
import ContactForm from '../forms/contact-form'
import { may, type FileSectionProps } from './types'

/** 结对帮扶记录: the paired cadres' visits and calls, newest first. */
export default function ContactsSection(props: FileSectionProps) {
  const { view, act, active, open, close } = props
  const contacts = [...view.contacts].sort((a, b) => b.on.localeCompare(a.on) || b.createdAt.localeCompare(a.createdAt))
  return (
    <Section name='contacts' title='结对帮扶记录' actionText={may(view, 'addContact') && active !== 'addContact' ? '记录联系' : undefined} action='addContact' onAction={() => open('addContact')}>
      {view.contactOverdue && <Tag tone='overdue'>已超过规定天数未联系</Tag>}
      {active === 'addContact' && <ContactForm view={view} act={act} onCancel={close} />}
      {contacts.length === 0 && <Text className='hh-empty'>暂无联系记录</Text>}
      {contacts.map((c) => (
        <View key={c.id} className='hh-entry' data-contact={c.id}>
          <View className='hh-entry__head'>
            <Text className='hh-entry__title'>
              {labelOf(CONTACT_KINDS, c.kind)} · {formatDate(c.on)}
            </Text>
            <Text className='hh-entry__line'>{c.byName}</Text>
          </View>
          <Text className='hh-entry__text'>{c.notes}</Text>
          {c.nextStep && <Text className='hh-entry__line'>下一步：{c.nextStep}</Text>}
        </View>
      ))}
    </Section>
  )
}

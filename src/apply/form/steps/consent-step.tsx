import { Text, View } from '@tarojs/components'
import FieldError from '@/components/field-error'
import { CONSENT_TEXTS, consentVersionText } from '@/domain/consent'
import type { ConsentChoices, Messages } from '../form-model'
import { pressable } from '@/components/pressable'

const ITEMS = [
  { key: 'privacyVersion', text: CONSENT_TEXTS.privacy, agree: '我已阅读并同意个人信息保护告知' },
  { key: 'sensitiveVersion', text: CONSENT_TEXTS.sensitive, agree: '我单独同意处理上述敏感个人信息' },
  { key: 'financeCheckVersion', text: CONSENT_TEXTS.financeCheck, agree: '我同意家庭经济状况核对授权' },
] as const

/** Before any sensitive field: the privacy notice, the separate consent (PIPL art. 29) and the finance-check authorization. */
export default function ConsentStep({ consent, messages, onChange }: { consent: ConsentChoices; messages: Messages; onChange: (c: ConsentChoices) => void }) {
  return (
    <View>
      <Text className='apply-form__lead'>填写身份证号、银行账户等信息前，请阅读以下内容并逐项确认。</Text>
      {ITEMS.map(({ key, text, agree }) => (
        <View key={key} className='card consent' id={`field-consent-${key}`}>
          <Text className='card__title'>{text.title}</Text>
          {text.body.map((line) => (
            <Text key={line} className='consent__line'>
              {line}
            </Text>
          ))}
          <View
            className={consent[key] ? 'consent__agree consent__agree--on' : 'consent__agree'}
            data-consent={key}
            {...pressable(agree, 'checkbox')}
            aria-checked={consent[key]}
            onClick={() => onChange({ ...consent, [key]: !consent[key] })}
          >
            <Text className='consent__box'>{consent[key] ? '✓' : ''}</Text>
            <Text className='consent__agree-text'>{agree}</Text>
          </View>
          <Text className='consent__version muted'>{consentVersionText(text.version)}</Text>
          <FieldError field={`consent.${key}`} message={messages[`consent.${key}`]} />
        </View>
      ))}
    </View>
  )
}

import { View } from '@tarojs/components'
import { HARDSHIP_CAUSES } from '@/domain/hardship-causes'
import { Field, type StepProps } from './fields'

/** The main and up to three secondary hardship causes, and the worker's own words. */
export default function CausesStep({ p }: { p: StepProps }) {
  return (
    <View>
      <View className='card'>
        <Field p={p} path='causes.mainCause' />
        <Field p={p} path='causes.secondaryCauses' options={HARDSHIP_CAUSES.filter((c) => c.code !== p.values.causes.mainCause)} />
      </View>
      <Field p={p} path='description' className='card' />
    </View>
  )
}

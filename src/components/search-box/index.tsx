import { Button, Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import '../field/index.css'
import './index.css'
import { pressable } from '@/components/pressable'

/** Props of a search line. */
export interface SearchBoxProps {
  /** What may be searched for, e.g. 申请编号或申请人姓名. */
  placeholder: string
  /** The search in force ('' for none): shown under the box with 清除. */
  active: string
  /** Runs a search with the trimmed text ('' to clear it). */
  onSearch: (text: string) => void
}

/** A search box with its button; the search in force is named below it, with 清除. */
export default function SearchBox({ placeholder, active, onSearch }: SearchBoxProps) {
  const [typed, setTyped] = useState(active)
  return (
    <View>
      <View className='search-box'>
        <Input
          className='field__input search-box__input'
          value={typed}
          placeholder={placeholder}
          placeholderClass='field__placeholder'
          confirmType='search'
          maxlength={30}
          data-search
          nativeProps={{ 'aria-label': `搜索${placeholder}` }}
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={(e) => onSearch(e.detail.value.trim())}
        />
        <Button className='btn btn--primary btn--small' onClick={() => onSearch(typed.trim())} data-action='search'>
          搜索
        </Button>
      </View>
      {active && (
        <View className='search-box__active'>
          <Text className='muted'>“{active}”的搜索结果</Text>
          <Text
            className='search-box__clear'
            data-action='clear-search'
            {...pressable('清除搜索')}
            onClick={() => {
              setTyped('')
              onSearch('')
            }}
          >
            清除
          </Text>
        </View>
      )}
    </View>
  )
}

import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import Chip from '@/components/chip'
import EmptyState from '@/components/empty-state'
import LoadError from '@/components/load-error'
import type { HouseholdItem } from '@/domain/api/households'
import type { HouseholdStatus } from '@/domain/household-codes'
import { api } from '@/api'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { ROUTES } from '@/routes'
import HouseholdRow from './household-row'
import '../households.css'
import './index.css'

const PAGE_SIZE = 20

/** What the list is filtered by. */
interface Filter {
  status: HouseholdStatus
  overdueOnly: boolean
  search: string
}

type List =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; items: HouseholdItem[]; total: number; page: number; loadingMore: boolean }

/** 建档家庭: the filed households of the staff member's jurisdiction, with filters, search and paging. */
export default function HouseholdListPage() {
  const [largeText] = useLargeText()
  const [filter, setFilter] = useState<Filter>({ status: 'filed', overdueOnly: false, search: '' })
  const [typed, setTyped] = useState('')
  const [list, setList] = useState<List>({ kind: 'loading' })
  // The latest request wins: a slow reply for a filter left behind must not overwrite the new one.
  const seq = useRef(0)

  const load = useCallback(async (f: Filter, page: number, previous: HouseholdItem[]) => {
    const mine = ++seq.current
    const reply = await api.households.list({ page, pageSize: PAGE_SIZE, status: f.status, overdueOnly: f.overdueOnly, ...(f.search ? { search: f.search } : {}) })
    if (mine !== seq.current) return
    if (!reply.ok) return setList({ kind: 'error', message: reply.error.message })
    setList({ kind: 'ready', items: [...previous, ...reply.data.items], total: reply.data.total, page, loadingMore: false })
  }, [])

  // Back from a household: its tags may have changed.
  useDidShow(() => void load(filter, 1, []))

  const apply = (next: Filter) => {
    setFilter(next)
    setList({ kind: 'loading' })
    void load(next, 1, [])
  }
  const more = () => {
    if (list.kind !== 'ready' || list.loadingMore || list.items.length >= list.total) return
    setList({ ...list, loadingMore: true })
    void load(filter, list.page + 1, list.items)
  }
  useReachBottom(more)

  return (
    <View className={pageClass(largeText, 'hh-list')} data-status={filter.status}>
      <View className='hh-list-links'>
        <Button className='btn btn--secondary btn--small' data-link='campaigns' onClick={() => void Taro.navigateTo({ url: ROUTES.campaigns })}>
          户户清核查
        </Button>
        <Button className='btn btn--secondary btn--small' data-link='dashboard' onClick={() => void Taro.navigateTo({ url: ROUTES.dashboard })}>
          工作统计
        </Button>
      </View>
      <View className='hh-search'>
        <Input
          className='hh-input hh-search__input'
          value={typed}
          placeholder='档案编号或户主姓名'
          placeholderClass='form-field__placeholder'
          confirmType='search'
          maxlength={30}
          data-search
          nativeProps={{ 'aria-label': '搜索档案编号或户主姓名' }}
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={(e) => apply({ ...filter, search: e.detail.value.trim() })}
        />
        <Button className='btn btn--primary btn--small' onClick={() => apply({ ...filter, search: typed.trim() })} data-action='search'>
          搜索
        </Button>
      </View>
      {filter.search && (
        <View className='hh-search__active'>
          <Text className='muted'>“{filter.search}”的搜索结果</Text>
          <Text
            className='hh-search__clear'
            data-action='clear-search'
            onClick={() => {
              setTyped('')
              apply({ ...filter, search: '' })
            }}
          >
            清除
          </Text>
        </View>
      )}
      <View className='hh-chips hh-list-tools' data-filters>
        <Chip label='在档' role='radio' on={filter.status === 'filed'} onTap={() => apply({ ...filter, status: 'filed' })} data={{ 'data-filter': 'filed' }} />
        <Chip label='已注销' role='radio' on={filter.status === 'deregistered'} onTap={() => apply({ ...filter, status: 'deregistered', overdueOnly: false })} data={{ 'data-filter': 'deregistered' }} />
        {filter.status === 'filed' && (
          <Chip label='只看联系超期' on={filter.overdueOnly} onTap={() => apply({ ...filter, overdueOnly: !filter.overdueOnly })} data={{ 'data-filter': 'overdue' }} />
        )}
      </View>
      {list.kind === 'loading' && <Text className='state-text'>正在加载…</Text>}
      {list.kind === 'error' && <LoadError message={list.message} onRetry={() => void load(filter, 1, [])} />}
      {list.kind === 'ready' && list.items.length === 0 && <EmptyState message={filter.search ? '没有找到符合条件的家庭' : '暂无符合条件的家庭'} />}
      {list.kind === 'ready' && list.items.length > 0 && (
        <View className='hh-list__items' data-count={list.items.length} data-total={list.total}>
          <Text className='hh-list-count'>共 {list.total} 户</Text>
          {list.items.map((item) => (
            <HouseholdRow key={item.id} item={item} onTap={(i) => void Taro.navigateTo({ url: ROUTES.household(i.id) })} />
          ))}
          {list.items.length < list.total && (
            <Button className='btn btn--secondary' onClick={more} data-more>
              {list.loadingMore ? '正在加载…' : '加载更多'}
            </Button>
          )}
        </View>
      )}
    </View>
  )
}

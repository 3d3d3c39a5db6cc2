import { Button, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import './index.css'

/** Anything a page loads: loading, failed with a message, or ready (with whatever it holds). */
export type Loadable = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready' }

/** What an empty page says, and its one useful next step. */
export interface EmptyProps {
  message: string
  actionText?: string
  onAction?: () => void
}

/** Props of the page state. */
export interface PageStateProps<S extends Loadable> {
  state: S
  onRetry: () => void
  /** Said while loading (default 正在加载…). */
  loadingText?: string
  /** Whether the ready state has nothing to show; then `empty` is shown instead of the content. */
  isEmpty?: (ready: Extract<S, { kind: 'ready' }>) => boolean
  empty?: EmptyProps
  /** The content, once ready. */
  children?: (ready: Extract<S, { kind: 'ready' }>) => ReactNode
}

/** A failed load: the server's plain message and a retry button. */
export function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className='load-error'>
      <Text className='state-text'>{message}</Text>
      <Button className='btn btn--secondary' onClick={onRetry}>
        重试
      </Button>
    </View>
  )
}

/** Says plainly that there is nothing here yet and offers the one useful next step. */
export function EmptyState({ message, actionText, onAction }: EmptyProps) {
  return (
    <View className='empty-state'>
      <Text className='empty-state__message'>{message}</Text>
      {actionText && onAction && (
        <Button className='btn btn--primary empty-state__action' onClick={onAction}>
          {actionText}
        </Button>
      )}
    </View>
  )
}

/** 加载更多 under a paged list, while there is a next page. */
export function LoadMore({ list, onMore }: { list: { next: unknown; loadingMore: boolean }; onMore: () => void }) {
  if (list.next === null) return null
  return (
    <Button className='btn btn--secondary' onClick={onMore} data-more>
      {list.loadingMore ? '正在加载…' : '加载更多'}
    </Button>
  )
}

/** What every page shows while it loads: a line while loading, the message and 重试 on failure, the empty state, else the content. */
export default function PageState<S extends Loadable>({ state, onRetry, loadingText = '正在加载…', isEmpty, empty, children }: PageStateProps<S>) {
  if (state.kind === 'loading') return <Text className='state-text'>{loadingText}</Text>
  if (state.kind === 'error') return <LoadError message={(state as { message: string }).message} onRetry={onRetry} />
  const ready = state as Extract<S, { kind: 'ready' }>
  if (empty && isEmpty?.(ready)) return <EmptyState {...empty} />
  return <>{children?.(ready)}</>
}

/** A page still loading its one record, or failed to: the state alone in the page's frame. */
export function LoadingPage({ state, onRetry }: { state: Loadable; onRetry: () => void }) {
  const [largeText] = useLargeText()
  return (
    <View className={pageClass(largeText)}>
      <PageState state={state} onRetry={onRetry} />
    </View>
  )
}

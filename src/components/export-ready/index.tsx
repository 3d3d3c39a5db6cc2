import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { canShareToChat, openExport, shareExport } from '@/platform/save-file'
import type { SavedExport } from '@/platform/file-types'
import './index.css'

/** Props of a finished export. */
export interface ExportReadyProps {
  saved: SavedExport
  /** No full sensitive value in it (masked, or none to begin with): it may go into a chat. */
  shareable: boolean
  /** What the export holds, e.g. `共 29 行（敏感信息已隐去）`. */
  note: string
}

const toast = (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2500 })

/**
 * An export that is ready. In WeChat: 打开 for a workbook (its menu only when shareable) and
 * 发送到聊天 as a tap of its own (WeChat sends a file only straight from a tap), offered only for
 * an export without full sensitive values; a full-PII export stays on the phone.
 */
export default function ExportReady({ saved, shareable, note }: ExportReadyProps) {
  // First thing in the tap: shareFileMessage is refused after an await.
  const share = () => void shareExport(saved).then(() => toast(`已发送 ${saved.fileName}`), () => toast('没有发送'))
  const open = () => void openExport(saved, { menu: shareable }).catch(() => toast('无法打开该文件'))
  return (
    <View className='export-ready' data-exported={saved.fileName} data-shareable={shareable ? 'true' : 'false'}>
      <Text className='export-ready__note'>
        {saved.said}，{note}
      </Text>
      {canShareToChat && (
        <View className='export-ready__actions'>
          {saved.fileName.endsWith('.xlsx') && (
            <Button className='btn btn--secondary btn--small' data-action='open-export' onClick={open}>
              打开
            </Button>
          )}
          {shareable ? (
            <Button className='btn btn--secondary btn--small' data-action='share-export' onClick={share}>
              发送到聊天
            </Button>
          ) : (
            <Text className='export-ready__note' data-unshareable>
              含完整的身份证号、银行账号等信息，只能在本机查看，不能发送到聊天
            </Text>
          )}
        </View>
      )}
    </View>
  )
}

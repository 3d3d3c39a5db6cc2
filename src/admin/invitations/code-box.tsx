import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CreatedInvitation } from '@/domain/api/admin'
import { staffRolesText } from '@/domain/roles'
import { formatDateTime } from '@/text/format'

/** The new code, shown this once: large, copyable, with whom it is for and until when it works. */
export default function CodeBox({ created, onDone }: { created: CreatedInvitation; onDone: () => void }) {
  return (
    <View className='card code-box' data-invitation={created.invitationId}>
      <Text className='card__title'>邀请码已生成</Text>
      <Text className='admin-item__line'>
        {created.displayName} · {created.unitName} · {staffRolesText(created.roles)}
      </Text>
      <Text className='code-box__code' selectable userSelect data-code>
        {created.code}
      </Text>
      <Button className='btn btn--primary' data-action='copy-code' onClick={() => void Taro.setClipboardData({ data: created.code })}>
        复制邀请码
      </Button>
      <Text className='code-box__expiry'>有效期至 {formatDateTime(created.expiresAt)}，只能使用一次。</Text>
      <Text className='code-box__warning'>邀请码只显示这一次，离开后无法再查看。请现在复制，发给{created.displayName}本人；如果遗失，请撤销后重新生成。</Text>
      <Button className='btn btn--secondary' data-action='code-done' onClick={onDone}>
        我已复制，关闭
      </Button>
    </View>
  )
}

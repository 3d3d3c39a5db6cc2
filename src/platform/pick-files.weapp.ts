import Taro from '@tarojs/taro'
import { quiet } from './quiet'
import type { PickedFile, PickKind } from './file-types'
import { ensurePrivacyAuthorized } from './privacy'

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1)

/** Photos from the camera or album (chooseMedia is not promisified by Taro: callbacks). */
function choosePhotos(count: number, sourceType: ('album' | 'camera')[]): Promise<PickedFile[]> {
  return new Promise((resolve) => {
    quiet(
      Taro.chooseMedia({
        count,
        mediaType: ['image'],
        sourceType,
        sizeType: ['compressed'],
        success: (res) => resolve(res.tempFiles.map((f) => ({ name: baseName(f.tempFilePath), size: f.size, path: f.tempFilePath }))),
        fail: () => resolve([]),
      }),
    )
  })
}

/** Files sent to the person in a WeChat chat. */
async function chooseFromChat(count: number, type: 'all' | 'file', extension: string[]): Promise<PickedFile[]> {
  try {
    const res = await Taro.chooseMessageFile({ count, type, extension })
    return res.tempFiles.map((f) => ({ name: f.name, size: f.size, path: f.path }))
  } catch {
    return []
  }
}

/**
 * WeChat, after its privacy authorization: documents are photos or files from a chat (PDF) as
 * the worker chooses; visit photos come from the camera or album; a table is a CSV or XLSX file
 * sent in a chat. At most `count` files, none when cancelled.
 */
export async function pickFiles(kind: PickKind, count: number): Promise<PickedFile[]> {
  if (!(await ensurePrivacyAuthorized())) return []
  if (kind === 'photos') return choosePhotos(count, ['camera', 'album'])
  if (kind === 'table') return chooseFromChat(count, 'file', ['csv', 'xlsx'])
  const sheet = await Taro.showActionSheet({ itemList: ['拍照或从相册选择', '从微信聊天中选择文件（PDF）'] }).catch(() => null)
  if (!sheet) return []
  return sheet.tapIndex === 0 ? choosePhotos(count, ['album', 'camera']) : chooseFromChat(count, 'all', ['pdf', 'jpg', 'jpeg', 'png'])
}

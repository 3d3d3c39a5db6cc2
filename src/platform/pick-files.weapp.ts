import Taro from '@tarojs/taro'
import { ensurePrivacyAuthorized } from '@/services/privacy'
import type { PickedFile } from '@/services/upload-types'

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1)

/** Photos from the camera or album (chooseMedia is not promisified by Taro: callbacks). */
function choosePhotos(count: number): Promise<PickedFile[]> {
  return new Promise((resolve) => {
    Taro.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
      success: (res) => resolve(res.tempFiles.map((f) => ({ name: baseName(f.tempFilePath), size: f.size, path: f.tempFilePath }))),
      fail: () => resolve([]),
    })
  })
}

/** PDFs or pictures sent to the worker in a WeChat chat. */
async function chooseFromChat(count: number): Promise<PickedFile[]> {
  try {
    const res = await Taro.chooseMessageFile({ count, type: 'all', extension: ['pdf', 'jpg', 'jpeg', 'png'] })
    return res.tempFiles.map((f) => ({ name: f.name, size: f.size, path: f.path }))
  } catch {
    return []
  }
}

/** WeChat: the worker picks photos or files, after WeChat's privacy authorization. */
export async function pickFiles(count: number): Promise<PickedFile[]> {
  if (!(await ensurePrivacyAuthorized())) return []
  const sheet = await Taro.showActionSheet({ itemList: ['拍照或从相册选择', '从微信聊天中选择文件（PDF）'] }).catch(() => null)
  if (!sheet) return []
  return sheet.tapIndex === 0 ? choosePhotos(count) : chooseFromChat(count)
}

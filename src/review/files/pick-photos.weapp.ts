import Taro from '@tarojs/taro'
import { ensurePrivacyAuthorized } from '@/services/privacy'
import type { PickedFile } from '@/services/upload-types'

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1)

/** WeChat: photos from the camera or the album, after WeChat's privacy authorization (chooseMedia is not promisified by Taro). */
export async function pickPhotos(count: number): Promise<PickedFile[]> {
  if (!(await ensurePrivacyAuthorized())) return []
  return new Promise((resolve) => {
    Taro.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['camera', 'album'],
      sizeType: ['compressed'],
      success: (res) => resolve(res.tempFiles.map((f) => ({ name: baseName(f.tempFilePath), size: f.size, path: f.tempFilePath }))),
      fail: () => resolve([]),
    })
  })
}

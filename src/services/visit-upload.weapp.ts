import Taro from '@tarojs/taro'
import type { ApiReply } from '@/domain/contract'
import type { DocumentView } from '@/domain/documents'
import { call } from './client'
import { NETWORK_FAILURE } from './reply'
import type { OnProgress, PickedFile } from './upload-types'

/**
 * WeChat: asks the function where to put a home-visit photo, uploads it to CloudBase storage with
 * progress, then registers it on the case (the function reads it back and checks it).
 */
export async function uploadVisitPhoto(applicationId: string, file: PickedFile, onProgress: OnProgress): Promise<ApiReply<DocumentView>> {
  const fileName = file.name.slice(0, 100) || '走访照片'
  const prepared = await call('review', 'prepareVisitUpload', { id: applicationId, fileName })
  if (!prepared.ok) return prepared
  const fileId = await new Promise<string | null>((resolve) => {
    const task = Taro.cloud.uploadFile({
      cloudPath: prepared.data.cloudPath,
      filePath: file.path ?? '',
      success: (res) => resolve(res.fileID),
      fail: () => resolve(null),
    })
    task?.onProgressUpdate?.((p) => onProgress(p.progress))
  })
  if (!fileId) return NETWORK_FAILURE
  onProgress(100)
  return call('review', 'registerVisitPhoto', { id: applicationId, fileName, fileId })
}

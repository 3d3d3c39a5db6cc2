import Taro from '@tarojs/taro'
import type { ApiReply } from '@/domain/contract'
import type { DocumentView } from '@/domain/documents'
import { call } from './client'
import { NETWORK_FAILURE } from './reply'
import type { OnProgress, PickedFile, UploadTarget } from './upload-types'

/**
 * WeChat: asks the function where to upload, uploads the file to CloudBase storage with progress,
 * then registers it; the function reads it back and checks its type and size.
 */
export async function uploadDocument(target: UploadTarget, file: PickedFile, onProgress: OnProgress): Promise<ApiReply<DocumentView>> {
  const fileName = file.name.slice(0, 100) || '文件'
  const prepared = await call('applicant', 'prepareUpload', { ...target, fileName })
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
  return call('applicant', 'registerDocument', { ...target, fileName, fileId })
}

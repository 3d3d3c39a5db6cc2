import Taro from '@tarojs/taro'
import { api } from '@/api'
import { NETWORK_FAILURE } from '@/api/reply'
import type { ApiReply } from '@/domain/contract'
import type { DocumentView } from '@/domain/documents'
import type { EvidenceView } from '@/domain/api/households'
import type { EvidenceTarget, OnProgress, PickedFile, UploadTarget } from './file-types'

/** Puts a picked file into CloudBase storage at `cloudPath` with progress; its file id, or null. */
function putInStorage(cloudPath: string, file: PickedFile, onProgress: OnProgress): Promise<string | null> {
  return new Promise((resolve) => {
    const task = Taro.cloud.uploadFile({
      cloudPath,
      filePath: file.path ?? '',
      success: (res) => resolve(res.fileID),
      fail: () => resolve(null),
    })
    task?.onProgressUpdate?.((p) => onProgress(p.progress))
  })
}

/**
 * WeChat: asks the function where to upload, uploads the file to CloudBase storage with progress,
 * then registers it (a worker's document, or a home-visit photo on the case); the function reads
 * it back and checks its type and size.
 */
export async function upload(target: UploadTarget, file: PickedFile, onProgress: OnProgress): Promise<ApiReply<DocumentView>> {
  const name = file.name.slice(0, 100)
  if (target.purpose === 'visit') {
    const visit = { id: target.applicationId, fileName: name || '走访照片' }
    const prepared = await api.review.prepareVisitUpload(visit)
    if (!prepared.ok) return prepared
    const fileId = await putInStorage(prepared.data.cloudPath, file, onProgress)
    if (!fileId) return NETWORK_FAILURE
    onProgress(100)
    return api.review.registerVisitPhoto({ ...visit, fileId }, target.requestId ? { requestId: target.requestId } : {})
  }
  const doc = { applicationId: target.applicationId, kind: target.kind, fileName: name || '文件', ...(target.assisted ? { assisted: target.assisted } : {}) }
  const prepared = await api.applicant.prepareUpload(doc)
  if (!prepared.ok) return prepared
  const fileId = await putInStorage(prepared.data.cloudPath, file, onProgress)
  if (!fileId) return NETWORK_FAILURE
  onProgress(100)
  return api.applicant.registerDocument({ ...doc, fileId })
}

/**
 * WeChat: a household's evidence photo, like a visit photo: the function hands out the path, the
 * file goes to CloudBase storage, the function reads it back, checks it and registers it.
 */
export async function uploadEvidence(target: EvidenceTarget, file: PickedFile, onProgress: OnProgress): Promise<ApiReply<EvidenceView>> {
  const evidence = { householdId: target.householdId, fileName: file.name.slice(0, 100) || '佐证照片' }
  const prepared = await api.households.prepareEvidenceUpload(evidence)
  if (!prepared.ok) return prepared
  const fileId = await putInStorage(prepared.data.cloudPath, file, onProgress)
  if (!fileId) return NETWORK_FAILURE
  onProgress(100)
  return api.households.registerEvidence({ ...evidence, fileId }, target.requestId ? { requestId: target.requestId } : {})
}

/**
 * WeChat: an admin's station import file to CloudBase storage, at the path the function hands out;
 * its file id for `stations.import`, so the call carries the id and never the file.
 */
export async function uploadImportFile(file: PickedFile): Promise<ApiReply<{ fileId: string }>> {
  const prepared = await api.stations.prepareImport({})
  if (!prepared.ok) return prepared
  const fileId = await putInStorage(prepared.data.cloudPath, file, () => {})
  return fileId ? { ok: true, data: { fileId } } : NETWORK_FAILURE
}

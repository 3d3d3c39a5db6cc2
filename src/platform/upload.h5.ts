import { MALFORMED_REPLY, NETWORK_FAILURE, toApiReply } from '@/api/reply'
import type { ApiReply } from '@/domain/contract'
import type { DocumentView } from '@/domain/documents'
import type { EvidenceView } from '@/domain/api/households'
import type { EvidenceTarget, OnProgress, PickedFile, UploadTarget } from './file-types'

/** The local server's upload query: a worker's document, or with `purpose=visit` a home-visit photo. */
function queryOf(target: UploadTarget, fileName: string): URLSearchParams {
  return target.purpose === 'visit'
    ? new URLSearchParams({ purpose: 'visit', applicationId: target.applicationId, fileName: fileName || '走访照片', ...(target.requestId ? { requestId: target.requestId } : {}) })
    : new URLSearchParams({ applicationId: target.applicationId, kind: target.kind, fileName: fileName || '文件', ...(target.assisted ? { assisted: target.assisted } : {}) })
}

/** POSTs a file's bytes to the local server's upload route; its reply as the contract's. */
function postFile<T>(query: URLSearchParams, file: PickedFile, onProgress: OnProgress): Promise<ApiReply<T>> {
  return new Promise((resolve) => {
    if (!file.blob) return resolve(NETWORK_FAILURE)
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/upload?${query.toString()}`)
    xhr.withCredentials = true
    xhr.setRequestHeader('content-type', 'application/octet-stream')
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)))
    }
    xhr.onload = () => {
      try {
        const reply = toApiReply(JSON.parse(xhr.responseText)) as ApiReply<T>
        if (reply.ok) onProgress(100)
        resolve(reply)
      } catch {
        resolve(MALFORMED_REPLY)
      }
    }
    xhr.onerror = () => resolve(NETWORK_FAILURE)
    xhr.send(file.blob)
  })
}

/**
 * Local mode: sends the file's bytes to the local server's `/api/upload` (raw body, the target in
 * the query), with upload progress. The JSON limit of `/api/<fn>` does not apply there. The reply
 * is the file as registered on the application.
 */
export function upload(target: UploadTarget, file: PickedFile, onProgress: OnProgress): Promise<ApiReply<DocumentView>> {
  return postFile<DocumentView>(queryOf(target, file.name.slice(0, 100)), file, onProgress)
}

/** Local mode: a household's evidence photo to the upload route (`purpose=evidence`), with the request id it was first sent with. */
export function uploadEvidence(target: EvidenceTarget, file: PickedFile, onProgress: OnProgress): Promise<ApiReply<EvidenceView>> {
  const query = new URLSearchParams({ purpose: 'evidence', householdId: target.householdId, fileName: file.name.slice(0, 100) || '佐证照片', ...(target.requestId ? { requestId: target.requestId } : {}) })
  return postFile<EvidenceView>(query, file, onProgress)
}

/** Local mode: an admin's station import file to the upload route; its file id for `stations.import`. */
export function uploadImportFile(file: PickedFile): Promise<ApiReply<{ fileId: string }>> {
  return postFile<{ fileId: string }>(new URLSearchParams({ purpose: 'import' }), file, () => {})
}

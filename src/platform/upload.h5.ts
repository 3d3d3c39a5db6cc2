import type { ApiReply } from '@/domain/contract'
import type { DocumentView } from '@/domain/documents'
import { MALFORMED_REPLY, NETWORK_FAILURE, toApiReply } from './reply'
import type { OnProgress, PickedFile, UploadTarget } from './upload-types'

/**
 * Local mode: sends the file's bytes to the local server's `/api/upload` (raw body, the target in
 * the query), with upload progress. The JSON limit of `/api/<fn>` does not apply there.
 */
export function uploadDocument(target: UploadTarget, file: PickedFile, onProgress: OnProgress): Promise<ApiReply<DocumentView>> {
  return new Promise((resolve) => {
    if (!file.blob) return resolve(NETWORK_FAILURE)
    const query = new URLSearchParams({ applicationId: target.applicationId, kind: target.kind, fileName: file.name.slice(0, 100) || '文件' })
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/upload?${query.toString()}`)
    xhr.withCredentials = true
    xhr.setRequestHeader('content-type', 'application/octet-stream')
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)))
    }
    xhr.onload = () => {
      try {
        const reply = toApiReply(JSON.parse(xhr.responseText)) as ApiReply<DocumentView>
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

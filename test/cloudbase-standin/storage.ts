import type { IncomingMessage, ServerResponse } from 'node:http'
import { StandinError } from './errors'

/**
 * CloudBase storage as `@cloudbase/node-sdk` 3.18 speaks to it, for the FileStore contract:
 * `storage.getUploadMetadata` hands out a PUT URL on this server (standing in for COS),
 * `storage.batchGetDownloadUrl` a GET URL, `storage.batchDeleteFile` deletes. Files are kept in
 * memory by cloud path. fileIDs look like the real ones: `cloud://<env>.<bucket>/<path>`.
 */
export class StorageStandin {
  readonly files = new Map<string, Buffer>()
  constructor(private readonly base: () => string) {}

  private fileId = (path: string) => `cloud://test-env.7465-test-env-1250000000/${path}`
  private pathOf = (fileId: string) => /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId)?.[1] ?? null
  private url = (path: string) => `${this.base()}/cos/${path.split('/').map(encodeURIComponent).join('/')}`

  /** The reply `data` of a `storage.*` action. */
  dispatch(body: Record<string, unknown>): { data: unknown } {
    switch (body.action) {
      case 'storage.getUploadMetadata': {
        const path = String(body.path ?? '')
        if (!path || path.startsWith('/')) throw new StandinError('INVALID_PARAM', 'path is required')
        return { data: { url: this.url(path), token: 'cos-token', authorization: 'cos-auth', fileId: this.fileId(path), cosFileId: `cos-${path}` } }
      }
      case 'storage.batchGetDownloadUrl': {
        const list = (body.file_list ?? []) as { fileid: string }[]
        return {
          data: {
            download_list: list.map(({ fileid }) => {
              const path = this.pathOf(fileid)
              return path && this.files.has(path)
                ? { fileID: fileid, tempFileURL: this.url(path), code: 'SUCCESS' }
                : { fileID: fileid, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' }
            }),
          },
        }
      }
      case 'storage.batchDeleteFile': {
        const list = (body.fileid_list ?? []) as string[]
        return {
          data: {
            delete_list: list.map((fileid) => {
              const path = this.pathOf(fileid)
              const existed = !!path && this.files.delete(path)
              return { fileID: fileid, code: existed ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' }
            }),
          },
        }
      }
      default:
        throw new StandinError('INVALID_PARAM', `unknown storage action ${String(body.action)}`)
    }
  }

  /** PUT (upload) and GET (download) of `/cos/<path>`, as COS would answer them. */
  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/cos\//, ''))
    if (req.method === 'PUT') {
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      this.files.set(path, Buffer.concat(chunks))
      res.writeHead(200)
      return void res.end('')
    }
    const file = this.files.get(path)
    if (req.method !== 'GET' || !file) {
      res.writeHead(404, { 'content-type': 'application/xml' })
      return void res.end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code></Error>')
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.length })
    res.end(file)
  }
}

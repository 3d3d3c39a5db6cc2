import type { PickedFile } from './file-types'

/** H5 (the local mode, always on the local network): the picked file stays in memory for the page's life. */
export async function keepFile(file: PickedFile): Promise<PickedFile> {
  return file
}

export async function forgetFile(_path: string | undefined): Promise<void> {}

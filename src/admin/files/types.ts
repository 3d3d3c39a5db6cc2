/** A file the admin chose, read whole: imports are small (MAX_IMPORT_BYTES). */
export interface ChosenFile {
  name: string
  size: number
  /** The bytes, base64. */
  base64: string
}

/** What an export gave back: the file to hand to the admin. */
export interface FileToSave {
  fileName: string
  mimeType: string
  base64: string
}

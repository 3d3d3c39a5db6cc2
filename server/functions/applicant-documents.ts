import { prepareUpload, registerDocument, removeDocument } from '../usecases/applicant/documents'
import type { ActionTable } from './define'
import { orTypist } from './assisted'

/** The document actions of `applicant` (the local server also takes bytes at /api/upload). */
export const addDocumentsActions: Pick<ActionTable<'applicant'>, 'prepareUpload' | 'registerDocument' | 'removeDocument'> = {
  prepareUpload: orTypist(prepareUpload),
  registerDocument: orTypist(registerDocument),
  removeDocument: orTypist(removeDocument),
}

/** Default (type checking, and any platform without its own file): the weapp one. */
export { upload, uploadEvidence, uploadImportFile } from './upload.weapp'

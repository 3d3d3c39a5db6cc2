/** Default (type checking, and any platform without its own file): the weapp one. */
export { uploadVisitPhoto } from './visit-upload.weapp'

/** Default (type checking, and any platform without its own file): the weapp one. */
export { pickFiles, readBase64 } from './pick-files.weapp'

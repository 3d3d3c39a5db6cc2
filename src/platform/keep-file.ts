/** Default (type checking, and any platform without its own file): the weapp one. */
export { keepFile, loadFile, forgetFile } from './keep-file.weapp'

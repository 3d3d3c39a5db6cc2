/** Default (type checking, and any platform without its own file): the weapp one. */
export { pickFiles } from './pick-files.weapp'

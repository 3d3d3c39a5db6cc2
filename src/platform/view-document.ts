/** Default (type checking, and any platform without its own file): the weapp one. */
export { showDocument } from './view-document.weapp'

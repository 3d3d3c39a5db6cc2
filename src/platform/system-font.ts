/** Default (type checking, and any platform without its own file): the weapp one. */
export { systemTextEnlarged } from './system-font.weapp'

/** Default (type checking, and any platform without its own file): the weapp one. */
export { canOpenMap, openMap } from './open-map.weapp'

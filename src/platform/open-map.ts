/** Default (type checking, and any platform without its own file): the weapp one. */
export { canOpenMap, MAP_FALLBACK_TEXT, openMap } from './open-map.weapp'

/** Default (type checking, and any platform without its own file): the weapp one. */
export { canOpenSettings, locate, LOCATION_WORDING, openLocationSettings } from './location.weapp'

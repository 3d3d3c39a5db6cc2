/** Default (type checking, and any platform without its own file): the weapp one. */
export { pickStationFile } from './pick-file.weapp'

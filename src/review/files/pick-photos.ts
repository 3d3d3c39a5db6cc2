/** Default (type checking, and any platform without its own file): the weapp one. */
export { pickPhotos } from './pick-photos.weapp'

import { Image, Text, View } from '@tarojs/components'
import type { ShownImage } from './use-document-viewer'
import './image-viewer.css'

/** An image over the whole screen with its name; a tap anywhere closes it. */
export default function ImageViewer({ image, onClose }: { image: ShownImage; onClose: () => void }) {
  return (
    <View className='image-viewer' data-viewer onClick={onClose}>
      <Image className='image-viewer__image' src={image.src} mode='aspectFit' />
      <Text className='image-viewer__name'>{image.fileName}</Text>
      <Text className='image-viewer__close'>点击任意处关闭</Text>
    </View>
  )
}

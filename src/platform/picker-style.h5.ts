/** Taro's browser picker (dates, single choices) by the size rules, in either mode (see picker-style.css). */
import './picker-style.css'

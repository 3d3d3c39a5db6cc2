import fc from 'fast-check'
import { cleanFileName } from './file-name'

describe('file names cleaned of control and bidi characters', () => {
  it.each([
    ['invoice\u202Egnp.exe', 'invoicegnp.exe'],
    ['身份证\u0000正面.jpg', '身份证正面.jpg'],
    ['a\u2066b\u2069c\u200Fd\u061C.pdf', 'abcd.pdf'],
    ['\uFEFF收入\u200B证明.pdf', '收入证明.pdf'],
    ['line\nbreak\r\ttab.png', 'line break tab.png'],
    ['../../etc/passwd', '.._.._etc_passwd'],
    ['C:\\Users\\x.png', 'C:_Users_x.png'],
    ['  户口本   首页 .jpg  ', '户口本 首页 .jpg'],
    ['\u202E\u0000', ''],
  ])('%j -> %j', (raw, clean) => {
    expect(cleanFileName(raw)).toBe(clean)
  })

  it('keeps ordinary names as they are, and what it returns is clean and stable', () => {
    expect(cleanFileName('医疗费用票据（2026年3月）.pdf')).toBe('医疗费用票据（2026年3月）.pdf')
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const out = cleanFileName(s)
        // eslint-disable-next-line no-control-regex -- finding control characters is the point
        expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f/\\]/u)
        expect(cleanFileName(out)).toBe(out)
      }),
    )
  })
})

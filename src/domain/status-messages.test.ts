import { endSentence, statusMessage } from './status-messages'

describe('statusMessage', () => {
  it('ends the caseworker’s note with one full stop, whether or not they typed one', () => {
    expect(statusMessage('returned', 'MLS-2026-000001', '请补充诊断证明。').body).toBe('说明：请补充诊断证明。请按提示修改后重新提交')
    expect(statusMessage('returned', 'MLS-2026-000001', '请补充诊断证明').body).toBe('说明：请补充诊断证明。请按提示修改后重新提交')
    expect(endSentence('真的吗？ ')).toBe('真的吗？')
  })
})

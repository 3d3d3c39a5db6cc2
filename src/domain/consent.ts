import * as v from 'valibot'

/**
 * What a worker agrees to before any sensitive field (PIPL art. 29-30: separate consent with a
 * notice of necessity and impact), and the authorization for the household-finance check
 * (家庭经济状况核对授权). Each text has a version; a consent is stored with the versions and the time.
 * A new version of a text asks again.
 */
export const CONSENT_TEXTS = {
  privacy: {
    version: 'privacy-2026-04',
    title: '个人信息保护告知',
    body: [
      '蓝天帮扶由所在地工会运营，用于受理、审核困难职工帮扶申请并跟踪帮扶进度。',
      '我们收集您和家庭成员的姓名、身份证号、家庭住址、联系电话、工作和收入情况、住房和健康状况、银行账户及证明材料，仅用于本次帮扶的审核、建档和资金发放。',
      '您的信息加密保存在工会使用的腾讯云开发环境中，只有负责审核的工会工作人员可以查看；公示时只显示脱敏姓名、所在单位和困难类别。',
      '您可以在“我的申请”中查看、修改（退回修改时）或撤回申请；如需查阅、更正或删除个人信息，请联系所在工会。',
    ],
  },
  sensitive: {
    version: 'sensitive-2026-03',
    title: '敏感个人信息单独同意',
    body: [
      '身份证号、银行账户、健康和残疾状况、未满十四周岁子女的就学信息属于敏感个人信息。',
      '处理这些信息是审核帮扶条件、核实家庭情况和发放帮扶资金所必需的；不提供将无法完成申请。',
      '这些信息一旦泄露可能对您的人身和财产安全造成影响，我们采取加密存储、最小授权和操作留痕等措施予以保护。',
    ],
  },
  financeCheck: {
    version: 'finance-check-2026-03',
    title: '家庭经济状况核对授权',
    body: [
      '本人及共同生活的家庭成员同意工会委托民政部门家庭经济状况核对机构，查询核对本人家庭的收入、存款、房产、车辆等经济状况。',
      '核对结果仅用于本次帮扶审核。入户调查时，工作人员会请您和家庭成员在纸质授权书上签字确认。',
    ],
  },
} as const

export type ConsentKind = keyof typeof CONSENT_TEXTS

/** A text's version as a person reads it: `privacy-2026-04` -> `2026年4月版`. */
export function consentVersionText(version: string): string {
  const m = /(\d{4})-(\d{2})$/.exec(version)
  return m ? `${m[1]}年${Number(m[2])}月版` : version
}

/** The consent a submission carries: the versions the worker agreed to. */
export const ConsentSchema = v.strictObject({
  privacyVersion: v.literal(CONSENT_TEXTS.privacy.version, '请阅读并同意个人信息保护告知'),
  sensitiveVersion: v.literal(CONSENT_TEXTS.sensitive.version, '请单独同意处理敏感个人信息'),
  financeCheckVersion: v.literal(CONSENT_TEXTS.financeCheck.version, '请同意家庭经济状况核对授权'),
}, '请先阅读并同意授权')

export type ConsentInput = v.InferOutput<typeof ConsentSchema>

/** A consent as stored: the versions the worker agreed to (older ones stay on older records) and when (ISO-8601 UTC, the server's clock). */
export interface ConsentRecord {
  privacyVersion: string
  sensitiveVersion: string
  financeCheckVersion: string
  agreedAt: string
}

/** The consent to the current texts. */
export const CURRENT_CONSENT: ConsentInput = {
  privacyVersion: CONSENT_TEXTS.privacy.version,
  sensitiveVersion: CONSENT_TEXTS.sensitive.version,
  financeCheckVersion: CONSENT_TEXTS.financeCheck.version,
}

/** True when `c` agrees to every current text. */
export function isCurrentConsent(c: Partial<Record<keyof ConsentInput, string>> | null | undefined): boolean {
  return !!c && c.privacyVersion === CURRENT_CONSENT.privacyVersion && c.sensitiveVersion === CURRENT_CONSENT.sensitiveVersion && c.financeCheckVersion === CURRENT_CONSENT.financeCheckVersion
}

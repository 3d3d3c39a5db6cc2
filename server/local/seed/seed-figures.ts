import type { CalendarDate } from '../../../src/domain/calendar'
import type { FundSource } from '../../../src/domain/household-codes'

/**
 * The Mile city figures of the seed report (Honghe Daily, 2020-08-17; domain.md "Figures in the
 * seed") that the demo data reproduces exactly. `generateDemoLedger` in `./demo-ledger` builds it.
 *
 * Funds: the report says "over 4.23 million yuan" in total, "4.005 million" from central,
 * provincial and prefecture funds and "0.234 million" from the city. The two parts add up to
 * 4.239 million, which is "over 4.23 million", so the demo's total is exactly 4,239,000 yuan with
 * nothing from the union's own funds or donations. The report does not split the 4.005 million;
 * the demo takes 60% central, 30% provincial and 10% prefecture. Mile is a county-level city, so
 * its "city" money is the `county` source.
 */
export const MILE_FIGURES = {
  /** Households on file when the six years began, and at the report. */
  householdsAtStart: 514,
  householdsNow: 29,
  fundsTotalFen: 423_900_000,
  /** Central + provincial + prefecture: 4.005 million yuan. */
  fundsUpperLevelsFen: 400_500_000,
  /** Mile's own (county-level city) funds: 0.234 million yuan. */
  fundsCityFen: 23_400_000,
  /** Non-reversed payments (see `personTimes` in src/domain/ledger.ts). */
  personTimes: 5486,
  aidStations: 67,
  restPosts: 5,
  expertTeams: 3,
  /** The 2020 户户清 campaign: filed households checked, then deregistered or kept. */
  campaign2020: { checked: 55, deregistered: 26, kept: 29 },
} as const

/** The demo's fen per fund source (sums to `MILE_FIGURES.fundsTotalFen`). */
export const DEMO_FUNDS_BY_SOURCE_FEN: Readonly<Record<FundSource, number>> = {
  central: 240_300_000,
  provincial: 120_150_000,
  prefecture: 40_050_000,
  county: 23_400_000,
  union: 0,
  donation: 0,
}

/** The demo's payments per fund source (sums to `MILE_FIGURES.personTimes`). */
export const DEMO_PAYMENTS_BY_SOURCE: Readonly<Record<FundSource, number>> = {
  central: 3000,
  provincial: 1500,
  prefecture: 600,
  county: 386,
  union: 0,
  donation: 0,
}

/** The six years the report looks back on: from the start of 2015 to the report's date. */
export const DEMO_PERIOD: { readonly from: CalendarDate; readonly to: CalendarDate } = { from: '2015-01-01', to: '2020-08-17' }

/** The 2020 campaign ("自2020年4月起"). */
export const DEMO_CAMPAIGN_2020 = {
  id: 'demo-campaign-2020',
  name: '2020年困难职工解困脱困“户户清”专项行动',
  startsOn: '2020-04-01',
  endsOn: '2020-07-31',
} as const

// Funding and financial reports (Art. 41-42).
import type { Db } from '@cq/db';
import { parseYuan, ruleViolation, show } from '@cq/domain';
import * as data from '../data/funding.ts';
import type { FinancialReportInput, FundingInput } from '../generated/resolvers.ts';
import { event, inTransaction, notBeforeYear, organisation, yearOf } from './shared.ts';

/** Yuan for a financial report: zero or more (a year without income or spending), otherwise as parseYuan. */
function reportedYuan(value: string, argument: string): bigint {
  if (/^0{1,13}(?:\.0{1,2})?$/.test(value.trim())) return 0n;
  try {
    return parseYuan(value, argument, 'R42.funding');
  } catch {
    throw ruleViolation('R42.funding', `Expected \`${argument}\` in yuan as a decimal of zero or more with at most two decimals (e.g. "120.50"), received ${show(value)}.`, {
      argument,
      received: value,
    });
  }
}

export async function recordFunding(db: Db, input: FundingInput, actor: string) {
  const amountFen = parseYuan(input.amount, 'amount', 'R42.funding');
  return inTransaction(db, async (tx) => {
    const organisationId = await organisation(tx, input.organisationId, 'organisationId');
    const row = await data.insertFunding(tx, { organisationId, source: input.source, amountFen, receivedOn: input.receivedOn, description: input.description?.trim() || null });
    await event(tx, actor, {
      subjectType: 'FundingRecord',
      subjectId: row.id,
      organisationId,
      kind: 'FUNDING_RECORDED',
      after: { source: input.source, amountFen: String(amountFen), receivedOn: input.receivedOn },
    });
    return row;
  });
}

export async function recordFinancialReport(db: Db, input: FinancialReportInput, actor: string) {
  const year = yearOf(input.year, 'year');
  notBeforeYear(input.reportedOn, year, 'reportedOn');
  const incomeFen = reportedYuan(input.income, 'income');
  const expenditureFen = reportedYuan(input.expenditure, 'expenditure');
  return inTransaction(db, async (tx) => {
    const organisationId = await organisation(tx, input.organisationId, 'organisationId');
    const row = await data.insertReport(tx, { organisationId, year, reportedTo: input.reportedTo, reportedOn: input.reportedOn, incomeFen, expenditureFen });
    await event(tx, actor, {
      subjectType: 'FinancialReport',
      subjectId: row.id,
      organisationId,
      kind: 'FINANCES_REPORTED',
      after: { year, reportedTo: input.reportedTo, incomeFen: String(incomeFen), expenditureFen: String(expenditureFen) },
    });
    return row;
  });
}

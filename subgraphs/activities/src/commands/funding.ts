// Funding, expenditure and financial reports (Art. 41-42): 企业科协经费应专项管理、单独核算 ... 定期向会员代表大会和委员会报告
// 财务收支情况. Income by source and expenditure are recorded separately; a year's report to the congress or the
// committee states the income and expenditure of the records, once per year and audience.
import type { Db } from '@cq/db';
import { formatFen, MAX_TEXT, optionalText, parseYuan, ruleViolation, show, todayInChina } from '@cq/domain';
import * as data from '../data/funding.ts';
import type { ExpenditureInput, FinancialReportInput, FundingInput } from '../generated/resolvers.ts';
import { event, inTransaction, nonEmpty, notAfterToday, notBeforeYear, organisation, yearOf } from './shared.ts';

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

export async function recordExpenditure(db: Db, input: ExpenditureInput, actor: string) {
  const amountFen = parseYuan(input.amount, 'amount', 'R42.funding');
  const purpose = nonEmpty(input.purpose, 'purpose');
  const description = optionalText(input.description, 'description', MAX_TEXT);
  return inTransaction(db, async (tx) => {
    const organisationId = await organisation(tx, input.organisationId, 'organisationId');
    const row = await data.insertExpenditure(tx, { organisationId, amountFen, spentOn: input.spentOn, purpose, description });
    await event(tx, actor, {
      subjectType: 'ExpenditureRecord',
      subjectId: row.id,
      organisationId,
      kind: 'EXPENDITURE_RECORDED',
      after: { amountFen: String(amountFen), spentOn: input.spentOn, purpose },
    });
    return row;
  });
}

export async function recordFinancialReport(db: Db, input: FinancialReportInput, actor: string, today = todayInChina()) {
  const year = yearOf(input.year, 'year');
  notBeforeYear(input.reportedOn, year, 'reportedOn');
  notAfterToday(input.reportedOn, today, 'reportedOn', 'R42.funding', 'a financial report records what was reported');
  const stated = {
    income: input.income == null ? null : reportedYuan(input.income, 'income'),
    expenditure: input.expenditure == null ? null : reportedYuan(input.expenditure, 'expenditure'),
  };
  return inTransaction(db, async (tx) => {
    const organisationId = await organisation(tx, input.organisationId, 'organisationId');
    const first = await data.reportFor(tx, organisationId, year, input.reportedTo);
    if (first) {
      throw ruleViolation(
        'R42.funding',
        `one financial report per association, year and audience: expected no report of organisation ${organisationId} for ${year} to the ${input.reportedTo} yet, but report ${first.id} of ${first.reportedOn} is one.`,
        { existingReportId: String(first.id) },
      );
    }
    // The report states the records (单独核算): the income and expenditure of the year up to the day it is made.
    const to = input.reportedOn < `${year}-12-31` ? input.reportedOn : `${year}-12-31`;
    const recorded = await data.recordedBetween(tx, organisationId, `${year}-01-01`, to);
    for (const [argument, fen] of [
      ['income', recorded.incomeFen],
      ['expenditure', recorded.expenditureFen],
    ] as const) {
      const given = stated[argument];
      if (given !== null && given !== fen) {
        throw ruleViolation(
          'R42.funding',
          `a financial report states the ${argument} of the records: expected \`${argument}\` ${formatFen(fen)} (the ${argument} records of organisation ${organisationId} from ${year}-01-01 to ${to}), received ${formatFen(given)}.`,
          { argument, expected: formatFen(fen), received: formatFen(given) },
        );
      }
    }
    const values = { organisationId, year, reportedTo: input.reportedTo, reportedOn: input.reportedOn, incomeFen: recorded.incomeFen, expenditureFen: recorded.expenditureFen };
    const row = await data.insertReport(tx, values);
    await event(tx, actor, {
      subjectType: 'FinancialReport',
      subjectId: row.id,
      organisationId,
      kind: 'FINANCES_REPORTED',
      after: { year, reportedTo: input.reportedTo, incomeFen: String(recorded.incomeFen), expenditureFen: String(recorded.expenditureFen) },
    });
    return row;
  });
}

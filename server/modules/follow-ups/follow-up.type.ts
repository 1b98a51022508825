import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DifferenceTestResult, ShareMetric } from '../analytics/metrics/metrics.types.js';
import { Department } from '../departments/department.entity.js';
import type { User } from '../users/user.entity.js';
import { UserType } from '../users/user.type.js';
import { FollowUpCase, FollowUpContact, FollowUpKind, FollowUpNote, FollowUpOutcome, FollowUpStatus } from './follow-up.entity.js';
import { allowedNext, isActive, isOverdue } from './follow-up.rules.js';
import { DAY_MS } from '../../../analytics/localDate.js';

/**
 * A follow-up case as GraphQL shows it. The work (status, department, due date) is plain fields; what
 * identifies or describes the customer (ids, score, comment, value, notes, earlier answers) is resolved
 * by FollowUpCaseResolver, which writes a READ_CUSTOMER audit row before returning it.
 */
@ObjectType('FollowUpCase', {
  description: "Personal data: one customer's answer to follow up (close the loop: win back a detractor, thank a promoter). Only the case's department and ADMIN see it; every read of the customer fields is audited.",
})
export class FollowUpCaseType {
  @Field(() => ID) id!: string;
  @Field(() => FollowUpKind, { description: 'RECOVER a detractor (0-6) or THANK a promoter (9-10).' }) kind!: FollowUpKind;
  @Field(() => FollowUpStatus) status!: FollowUpStatus;
  @Field(() => [FollowUpStatus], { description: 'Statuses setFollowUpStatus accepts next; empty once the case is closed.' })
  allowedNextStatuses!: FollowUpStatus[];
  @Field(() => String, { nullable: true, description: 'Touchpoint code of the answer; null for the relationship survey.' })
  touchpointCode!: string | null;
  @Field(() => Date) respondedAt!: Date;
  @Field(() => Date, { description: "Contact the customer by then: the answer's time plus slaDays. Applies while the case is open or contacted; see isClosed." }) dueAt!: Date;
  @Field(() => Int, { description: 'Days from the answer to the due date (the SLA of the alert rule that opened the case).' }) slaDays!: number;
  @Field(() => String, { nullable: true, description: 'Name of the alert rule whose SLA applies; null when the default SLA applied (no rule was enabled).' })
  slaRule!: string | null;
  @Field({ description: 'True once the case is RESOLVED or CLOSED_NO_ACTION: it has no due date any more.' }) isClosed!: boolean;
  @Field(() => FollowUpOutcome, { nullable: true, description: 'How the case ended; null while it is being worked, or when it was closed before outcomes were kept.' })
  outcome!: FollowUpOutcome | null;
  @Field(() => String, { nullable: true, description: 'Why the case ended as it did, in the words of the person who closed it.' }) outcomeReason!: string | null;
  @Field({ description: 'Still OPEN after the due date.' }) overdue!: boolean;
  @Field(() => Date, { nullable: true }) contactedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the case was RESOLVED or CLOSED_NO_ACTION.' }) resolvedAt!: Date | null;
  @Field(() => Date, { description: 'When the case opened.' }) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;

  // Resolved with an audit row (FollowUpCaseResolver):
  responseId!: string;
  customerId!: string;
  ltr!: number;
  personaCode!: string | null;
  unitCode!: string | null;
  customerValue!: number | null;
  notes!: FollowUpNote[];
  contacts!: FollowUpContact[];
  // References, loaded in batches:
  department!: Department | null;
  assignee!: User | null;
}

export function toFollowUpCaseType(c: FollowUpCase, now: Date): FollowUpCaseType {
  return {
    id: c.id,
    kind: c.kind,
    status: c.status,
    allowedNextStatuses: [...allowedNext(c.status)],
    touchpointCode: c.touchpointCode ?? null,
    respondedAt: c.respondedAt,
    dueAt: c.dueAt,
    slaDays: c.slaDays ?? Math.round((c.dueAt.getTime() - c.respondedAt.getTime()) / DAY_MS),
    slaRule: c.slaRule ?? null,
    isClosed: !isActive(c.status),
    outcome: c.outcome ?? null,
    outcomeReason: c.outcomeReason ?? null,
    overdue: isOverdue(c, now),
    contactedAt: c.contactedAt ?? null,
    resolvedAt: c.resolvedAt ?? null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    responseId: c.responseId,
    customerId: c.customerId,
    ltr: c.ltr,
    personaCode: c.personaCode ?? null,
    unitCode: c.unitCode ?? null,
    customerValue: c.customerValue ?? null,
    notes: c.notes,
    contacts: c.contacts,
    department: c.department ?? null,
    assignee: c.assignee ?? null,
  };
}

@ObjectType('CaseAnswer', { description: "Personal data: the answer behind a case, or one of the customer's earlier answers." })
export class CaseAnswerType {
  @Field() responseId!: string;
  @Field(() => String, { nullable: true, description: 'null for the relationship survey.' }) touchpointCode!: string | null;
  @Field(() => String, { nullable: true }) touchpointName!: string | null;
  @Field(() => Date) respondedAt!: Date;
  @Field(() => Int, { description: 'Likelihood to recommend, 0-10.' }) ltr!: number;
  @Field(() => Int, { nullable: true, description: '1-5.' }) satisfaction!: number | null;
  @Field(() => Int, { nullable: true }) professional!: number | null;
  @Field(() => Int, { nullable: true }) sympathetic!: number | null;
  @Field(() => Int, { nullable: true }) trustworthy!: number | null;
  @Field(() => Int, { nullable: true }) atmosphere!: number | null;
  @Field(() => Int, { nullable: true, description: '1-7.' }) effort!: number | null;
  @Field(() => String, { nullable: true }) comment!: string | null;
}

@ObjectType('CaseCustomer', { description: 'Personal data: who the customer is and what they are worth (from the analytics store).' })
export class CaseCustomerType {
  @Field() customerId!: string;
  @Field() personaCode!: string;
  @Field(() => String, { nullable: true }) personaName!: string | null;
  @Field(() => String, { nullable: true }) unitCode!: string | null;
  @Field(() => String, { nullable: true }) unitName!: string | null;
  @Field({ description: 'YYYY-MM-DD.' }) acquiredAt!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null while the customer is active.' }) churnedAt!: string | null;
  @Field(() => Int, { description: 'Whole months from acquisition to churn or today.' }) tenureMonths!: number;
  @Field(() => Float, { nullable: true, description: '12 x mean monthly contribution margin (revenue - cost) over the last 12 months with data.' })
  annualMargin!: number | null;
  @Field(() => Float) acquisitionCost!: number;
}

@ObjectType('FollowUpPageInfo')
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

@ObjectType({ description: 'A page of the queue, most urgent (earliest due) first.' })
export class FollowUpCasePage {
  @Field(() => Int, { description: 'All cases matching the filter.' }) totalCount!: number;
  @Field(() => [FollowUpCaseType]) items!: FollowUpCaseType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType('FollowUpStatusCount')
export class StatusCount {
  @Field(() => FollowUpStatus) status!: FollowUpStatus;
  @Field(() => Int) count!: number;
}

@ObjectType('FollowUpDepartmentCount')
export class DepartmentCount {
  @Field(() => Department, { nullable: true, description: 'null: cases without a department (only ADMIN sees them).' })
  department!: Department | null;
  @Field(() => Int) total!: number;
  @Field(() => Int) open!: number;
  @Field(() => Int) overdue!: number;
  @Field(() => [StatusCount]) byStatus!: StatusCount[];
}

@ObjectType({ description: 'Counts of the queue for dashboards (the same filter and department scope as followUpCases).' })
export class FollowUpCounts {
  @Field(() => Int) total!: number;
  @Field(() => Int) open!: number;
  @Field(() => Int, { description: 'OPEN after the due date.' }) overdue!: number;
  @Field(() => [StatusCount]) byStatus!: StatusCount[];
  @Field(() => [DepartmentCount]) byDepartment!: DepartmentCount[];
}

@ObjectType({ description: 'Do customers won back (RESOLVED) churn less than detractors nobody contacted? Observational: not a controlled experiment.' })
export class RecoveryChurn {
  @Field(() => ShareMetric, { description: 'Customers of RESOLVED RECOVER cases who churned on or after their answer.' }) recovered!: ShareMetric;
  @Field(() => ShareMetric, { description: 'Customers of RECOVER cases never contacted (CLOSED_NO_ACTION without contact, or OPEN past due).' })
  notContacted!: ShareMetric;
  @Field(() => DifferenceTestResult, { description: 'recovered - notContacted churn share, two-proportion z-test.' }) test!: DifferenceTestResult;
  @Field({ description: 'Either group below the minimum n (30): the difference is anecdote, not evidence.' }) lowSample!: boolean;
  @Field({ description: 'The reading in one sentence, honest about n.' }) conclusion!: string;
}

@ObjectType({ description: 'How well a department closes the loop on detractors (RECOVER cases).' })
export class FollowUpLoopMetrics {
  @Field(() => Department, { nullable: true, description: 'null: all departments together (or cases without a department, see scope).' })
  department!: Department | null;
  @Field(() => UserType, { nullable: true, description: 'The person the cases are assigned to, when the metrics are per person; otherwise null.' })
  person!: UserType | null;
  @Field({ description: 'What the row covers: DEPARTMENT or PERSON (one of them), NO_DEPARTMENT or UNASSIGNED (cases without one), or ALL.' }) scope!: string;
  @Field(() => Int) cases!: number;
  @Field(() => Int) contacted!: number;
  @Field(() => ShareMetric, { description: 'Of the cases whose SLA outcome is known (contacted, or past due), the share contacted by the due date.' })
  contactedWithinSla!: ShareMetric;
  @Field(() => ShareMetric, { description: 'Of the cases whose outcome against the SLA is known (closed, or past due), the share closed by the due date.' })
  closedWithinSla!: ShareMetric;
  @Field(() => Float, { nullable: true, description: 'Median hours from the answer to the contact (the customer\'s wait).' })
  medianHoursToContact!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median hours from the case opening to the contact (what the department controls).' })
  medianHoursFromOpening!: number | null;
  @Field(() => RecoveryChurn) churn!: RecoveryChurn;
}

@ObjectType({ description: "One person's detractor (RECOVER) cases of one month, counted in the month the customer answered (the SLA runs from the answer)." })
export class LoopTrendMonth {
  @Field({ description: 'First day of the month, YYYY-MM-DD (UTC).' }) month!: string;
  @Field(() => Int, { description: 'Cases for answers of this month assigned to the person.' }) assigned!: number;
  @Field(() => Int, { description: 'Of those, the cases whose customer has been contacted.' }) contacted!: number;
  @Field(() => Int, { description: 'Of those, the cases contacted on or before their due date.' }) contactedOnTime!: number;
  @Field(() => Int, { description: 'Of those, the cases resolved (the customer won back).' }) resolved!: number;
  @Field(() => Int, { description: 'Of those, the cases still not contacted after their due date, now.' }) overdue!: number;
  @Field(() => Float, { nullable: true, description: 'Median hours from the answer to the first contact, over the contacted cases; null when none was contacted.' })
  medianHoursToContact!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median hours from the due date to the first contact (negative: contacted before it), over the contacted cases; null when none was contacted.' })
  medianHoursAfterDue!: number | null;
}

@ObjectType({ description: 'Closing the loop on detractors for one person (or the cases nobody is assigned to), month by month.' })
export class LoopTrendPersonType {
  @Field(() => UserType, { nullable: true, description: 'The person the cases are assigned to; null for the cases nobody is assigned to.' })
  person!: UserType | null;
  @Field(() => [LoopTrendMonth], { description: 'Every month asked for, oldest first; months without a case have zeros.' })
  months!: LoopTrendMonth[];
}

@ObjectType('CustomerContactDetails', { description: "Personal data: how to reach the customer of a case, from the imported customer data. Only roles that work follow-up cases see it." })
export class CustomerContactDetailsType {
  @Field(() => String, { nullable: true, description: "The customer's name; null when none was imported." }) name!: string | null;
  @Field(() => String, { nullable: true, description: "The customer's e-mail address; null when none was imported." }) email!: string | null;
  @Field(() => String, { nullable: true, description: "The customer's phone number; null when none was imported." }) phone!: string | null;
}

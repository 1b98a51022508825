import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DifferenceTestResult, ShareMetric } from '../analytics/metrics.types.js';
import { Department } from '../departments/department.entity.js';
import type { User } from '../users/user.entity.js';
import { FollowUpCase, FollowUpKind, FollowUpNote, FollowUpStatus } from './follow-up.entity.js';
import { allowedNext, isOverdue } from './follow-up.rules.js';

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
  @Field(() => Date, { description: 'Contact the customer by then (SLA).' }) dueAt!: Date;
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
  @Field({ description: 'DEPARTMENT, NO_DEPARTMENT or ALL.' }) scope!: string;
  @Field(() => Int) cases!: number;
  @Field(() => Int) contacted!: number;
  @Field(() => ShareMetric, { description: 'Of the cases whose SLA outcome is known (contacted, or past due), the share contacted by the due date.' })
  contactedWithinSla!: ShareMetric;
  @Field(() => Float, { nullable: true, description: 'Median hours from the answer to the contact (the customer\'s wait).' })
  medianHoursToContact!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median hours from the case opening to the contact (what the department controls).' })
  medianHoursFromOpening!: number | null;
  @Field(() => RecoveryChurn) churn!: RecoveryChurn;
}

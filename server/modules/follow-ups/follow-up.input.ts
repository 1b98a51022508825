import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { IsCode } from '../../common/validation.js';
import { ContactChannel, FollowUpKind, FollowUpOutcome, FollowUpStatus } from './follow-up.entity.js';

@InputType({ description: 'Narrows the queue; every field narrows it, absent fields do not. Non-ADMIN users only ever see their own department.' })
export class FollowUpFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @Field({ nullable: true, description: 'true: only cases nobody is assigned to.' })
  unassigned?: boolean;

  @Field({ nullable: true, description: 'true: only cases assigned to you ("my cases").' })
  assignedToMe?: boolean;

  @Field(() => [FollowUpStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @ArrayMaxSize(4)
  @IsIn(Object.values(FollowUpStatus), { each: true })
  status?: FollowUpStatus[];

  @Field(() => FollowUpKind, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(FollowUpKind))
  kind?: FollowUpKind;

  @Field({ nullable: true, description: 'true: only OPEN cases past their due date; false: only the others.' })
  overdue?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsCode()
  personaCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsCode()
  touchpointCode?: string;

  @Field({ nullable: true, description: "Only this customer's cases (the customer id of the survey data)." })
  @IsOptional()
  @MaxLength(64)
  customerId?: string;

  @Field(() => Float, { nullable: true, description: "Only customers with at least this annual contribution margin (when the case opened)." })
  @IsOptional()
  minValue?: number;
}

@ArgsType()
export class FollowUpQueueArgs {
  @Field(() => FollowUpFilter, { nullable: true })
  filter?: FollowUpFilter;

  @Field(() => Int, { defaultValue: 50, description: '1-200.' })
  @IsInt()
  @Min(1)
  @Max(200)
  first!: number;

  @Field(() => String, { nullable: true, description: 'pageInfo.endCursor of the previous page.' })
  @IsOptional()
  @MaxLength(200)
  after?: string;
}

@ArgsType()
export class AssignArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => ID, { nullable: true, description: 'A user of the case\'s department; null to unassign.' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Hand the case to another department first (clears the assignee unless one is given).' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;
}

@ArgsType()
export class SetStatusArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field(() => FollowUpStatus)
  @IsIn(Object.values(FollowUpStatus))
  status!: FollowUpStatus;

  @Field({ nullable: true, description: 'Optional note added with the change (what was said, what was agreed).' })
  @IsOptional()
  @Length(1, 4000)
  note?: string;
}

@ArgsType()
export class AddNoteArgs {
  @Field(() => ID)
  @IsUUID()
  id!: string;

  @Field()
  @Length(1, 4000)
  text!: string;
}

export enum LoopMetricsGrouping {
  DEPARTMENT = 'DEPARTMENT',
  PERSON = 'PERSON',
}
registerEnumType(LoopMetricsGrouping, {
  name: 'LoopMetricsGrouping',
  description: 'Whom the loop metrics are computed for.',
  valuesConfig: {
    DEPARTMENT: { description: "One row per department (each department's queue)." },
    PERSON: { description: 'One row per person the cases are assigned to.' },
  },
});

@ArgsType()
export class LoopMetricsArgs {
  @Field(() => LoopMetricsGrouping, { defaultValue: LoopMetricsGrouping.DEPARTMENT, description: 'Per department (default) or per person.' })
  @IsIn(Object.values(LoopMetricsGrouping))
  by!: LoopMetricsGrouping;

  @Field(() => Date, { nullable: true, description: 'Cases for answers from this instant on.' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => Date, { nullable: true, description: '...and before this one.' })
  @IsOptional()
  @IsDate()
  to?: Date;
}

@ArgsType()
export class BulkAssignArgs {
  @Field(() => [ID], { description: 'Ids of the cases to assign, 1-500; all are assigned or none.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids!: string[];

  @Field(() => ID, { nullable: true, description: "A user who may work every one of the cases (same department, or ADMIN); null to unassign them." })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;
}

@ArgsType()
export class CloseArgs {
  @Field(() => [ID], { description: 'Ids of the cases to close, 1-500; all are closed or none.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids!: string[];

  @Field(() => FollowUpOutcome, { description: 'How the cases ended.' })
  @IsIn(Object.values(FollowUpOutcome))
  outcome!: FollowUpOutcome;

  @Field({ description: 'Why, in a few words (for example "refund agreed" or "three calls, no answer"); 1-500 characters.' })
  @Length(1, 500)
  reason!: string;
}

@ArgsType()
export class LogContactArgs {
  @Field(() => ID, { description: 'Id of the case.' })
  @IsUUID()
  id!: string;

  @Field(() => ContactChannel, { description: 'How the customer was contacted.' })
  @IsIn(Object.values(ContactChannel))
  channel!: ContactChannel;

  @Field({ description: 'True when the customer was reached; an OPEN case then becomes CONTACTED.' })
  @IsBoolean()
  reached!: boolean;

  @Field({ nullable: true, description: 'What was said, or why it failed; up to 2000 characters.' })
  @IsOptional()
  @Length(1, 2000)
  note?: string;
}

import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('ErasedPlace', { description: 'Where an erased customer was held and how many rows were deleted or anonymised there.' })
export class ErasedPlaceType {
  @Field({
    description:
      'The table: a Postgres table (follow_up_case, outbox_message, audit_event) or an analytics table prefixed "analytics." (analytics.customers, analytics.responses, analytics.text_tokens, ...).',
  })
  place!: string;

  @Field(() => Int, { description: 'Rows deleted (analytics tables, follow-up cases) or anonymised (notifications, audit events) there.' })
  rows!: number;
}

@ObjectType('CustomerErasure', { description: 'What erasing one customer did. The erased id is kept nowhere, not even here.' })
export class CustomerErasureType {
  @Field({ description: 'The pseudonym that replaces the customer id in the audit log, so the log still shows that one person was read and erased.' })
  pseudonym!: string;

  @Field(() => [ErasedPlaceType], { description: 'Each place that held the customer, with its row count.' })
  places!: ErasedPlaceType[];

  @Field(() => Int, { description: 'Rows deleted or anonymised in all places together.' })
  rows!: number;
}

@ObjectType('CommentRetentionRun', { description: 'One application of the comment retention period.' })
export class CommentRetentionRunType {
  @Field(() => Int, { description: 'The retention period applied, in months.' })
  months!: number;

  @Field({ description: 'Answers given before this day (YYYY-MM-DD) no longer have comment text.' })
  cutoff!: string;

  @Field(() => Int, { description: 'Comments removed by this run (answers that had one and were older than the cutoff); their scores stay.' })
  commentsRemoved!: number;
}

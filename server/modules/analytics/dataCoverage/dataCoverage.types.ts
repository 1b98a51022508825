import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'What the analytics store holds in time, and the day that period choices such as "last 12 months" end on.' })
export class DataCoverage {
  @Field(() => String, {
    nullable: true,
    description:
      'YYYY-MM-DD: the day "last 3/6/12 months" end on, the day of the latest answer in the store (else the last day of any data). Null when the store holds no data; then periods end today.',
  })
  asOf!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the day of the first answer in the store; null without answers.' }) firstAnswerOn!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: the day of the latest answer in the store; null without answers.' }) latestAnswerOn!: string | null;
  @Field(() => Int, { description: 'Survey answers in the store (0 on an empty install: import answers first).' }) answers!: number;
  @Field(() => Int, { description: 'Customers in the store.' }) customers!: number;
}

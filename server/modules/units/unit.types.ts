import { Length } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { IsCode } from '../../common/validation.js';

@ObjectType('Unit', { description: 'A unit (branch, shop, region) that customers belong to; the customer data refers to it by code.' })
export class UnitType {
  @Field({ description: 'Code the customer data uses for the unit (customers.unit_code).' }) code!: string;
  @Field({ description: 'Name people know the unit by.' }) name!: string;
  @Field(() => Int, { description: 'Customers in the data with this unit code.' }) customers!: number;
}

@InputType({ description: 'A unit to add, or to rename when its code exists.' })
export class UnitInput {
  @Field({ description: 'Code the customer data uses (1-64 letters, digits, "_", "." or "-").' })
  @IsCode()
  code!: string;

  @Field({ description: 'Name people know the unit by, 1-200 characters.' })
  @Length(1, 200)
  name!: string;
}

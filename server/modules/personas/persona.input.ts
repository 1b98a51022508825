import { ArrayMaxSize, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsCode } from '../../common/validation.js';
import { Channel } from '../journeys/journey.enums.js';

@InputType()
export class PersonaInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field({ nullable: true, description: 'Unique code customer data uses (customers.persona_code).' })
  @IsOptional()
  @IsCode()
  code?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(5000)
  description?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  needs?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  behaviours?: string[];

  @Field(() => [Channel], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  preferredChannels?: Channel[];
}

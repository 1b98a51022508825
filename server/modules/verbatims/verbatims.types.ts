import { ArrayMaxSize, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FEELING_FAMILIES, type FeelingFamily } from '../../../analytics/verbatims/defaults.js';
import { AnalyticsFilterInput, DifferenceTestResult, NpsMetric, ShareMetric } from '../analytics/metrics/metrics.types.js';

export const SentimentLabelEnum = { POSITIVE: 'POSITIVE', NEUTRAL: 'NEUTRAL', NEGATIVE: 'NEGATIVE' } as const;
export const FeelingFamilyEnum = Object.fromEntries(FEELING_FAMILIES.map((f) => [f, f])) as { [K in FeelingFamily]: K };
export const CommentLanguageEnum = { DA: 'da', EN: 'en' } as const;
export const HighlightKindEnum = { SEARCH: 'SEARCH', THEME: 'THEME', FEELING: 'FEELING', POSITIVE: 'POSITIVE', NEGATIVE: 'NEGATIVE' } as const;

registerEnumType(SentimentLabelEnum, {
  name: 'SentimentLabel',
  description: "A comment's tone from its lexicon score: POSITIVE at +0.5 or more, NEGATIVE at -0.5 or less, NEUTRAL between.",
  valuesConfig: {
    POSITIVE: { description: 'Score of +0.5 or more.' },
    NEUTRAL: { description: 'Score between -0.5 and +0.5.' },
    NEGATIVE: { description: 'Score of -0.5 or less.' },
  },
});
registerEnumType(FeelingFamilyEnum, {
  name: 'FeelingFamily',
  description: 'A family of feeling words customers use about themselves.',
  valuesConfig: {
    ANGER: { description: 'Angry, furious, vred, rasende.' },
    WORRY: { description: 'Worried, anxious, bekymret, utryg.' },
    FRUSTRATION: { description: 'Frustrated, fed up, frustreret, skuffet.' },
    DISTRUST: { description: 'Cheated, misled, snydt, mistillid.' },
    RELIEF: { description: 'Relieved, reassured, lettet, beroliget.' },
    TRUST: { description: 'Trust, reliable, tillid, tryghed.' },
    JOY: { description: 'Happy, delighted, glad, begejstret.' },
    GRATITUDE: { description: 'Grateful, thankful, taknemmelig, tak.' },
  },
});
registerEnumType(CommentLanguageEnum, {
  name: 'CommentLanguage',
  description: 'The language a comment is written in, as the analysis found it.',
  valuesConfig: { DA: { description: 'Danish.' }, EN: { description: 'English.' } },
});
registerEnumType(HighlightKindEnum, {
  name: 'HighlightKind',
  description: 'Why a stretch of a comment is highlighted.',
  valuesConfig: {
    SEARCH: { description: 'It matches a word of the search.' },
    THEME: { description: 'It is a keyword or phrase of a theme.' },
    FEELING: { description: 'It is a word of the feeling-word list.' },
    POSITIVE: { description: 'It raised the sentiment score.' },
    NEGATIVE: { description: 'It lowered the sentiment score.' },
  },
});

@ObjectType({ description: 'A theme of the company dictionary: comments that use one of its keywords or phrases (matched by stem) mention it.' })
export class Theme {
  @Field(() => ID, { description: 'Stable id of the theme.' }) id!: string;
  @Field({ description: 'Name shown to people.' }) name!: string;
  @Field({ description: 'What the theme covers, in a sentence.' }) description!: string;
  @Field(() => [String], { description: 'Keywords and phrases in Danish and English, lower case; inflections match too.' }) keywords!: string[];
}

@ObjectType({ description: 'How often comments in a cut mention something, and what it does to NPS.' })
export class MentionStatsType {
  @Field(() => Int, { description: 'Commented answers that mention it.' }) mentions!: number;
  @Field(() => Int, { description: 'Distinct customers behind those mentions.' }) customers!: number;
  @Field(() => ShareMetric, { description: 'Mentions among all commented answers of the cut, with a Wilson interval.' }) share!: ShareMetric;
  @Field(() => ShareMetric, { description: 'Share of commenting detractors (0-6) who mention it.' }) detractorShare!: ShareMetric;
  @Field(() => ShareMetric, { description: 'Share of commenting promoters (9-10) who mention it.' }) promoterShare!: ShareMetric;
  @Field(() => NpsMetric, { description: 'NPS of the answers that mention it.' }) npsMentioning!: NpsMetric;
  @Field(() => NpsMetric, { description: 'NPS of the other commented answers of the cut.' }) npsOthers!: NpsMetric;
  @Field(() => DifferenceTestResult, { description: 'npsMentioning minus npsOthers, with its z test.' }) difference!: DifferenceTestResult;
  @Field(() => Float, {
    nullable: true,
    description: "NPS points of the whole cut lost to it: mentions / all answers x (npsOthers - npsMentioning). Positive means it costs NPS; null without data.",
  })
  npsPointsAtStake!: number | null;
}

@ObjectType({ description: 'A theme with its numbers in a cut.' })
export class ThemeStat {
  @Field(() => Theme, { description: 'The theme.' }) theme!: Theme;
  @Field(() => MentionStatsType, { nullable: true, description: 'Its numbers; null when suppressed.' }) stats!: MentionStatsType | null;
  @Field({ description: 'True when fewer customers than the small-cell minimum mention it and the caller may only see aggregates.' }) suppressed!: boolean;
}

@ObjectType({ description: 'How many comments of one language have one sentiment label.' })
export class SentimentCount {
  @Field(() => SentimentLabelEnum, { description: 'The label.' }) label!: string;
  @Field(() => CommentLanguageEnum, { description: 'The language.' }) language!: string;
  @Field(() => Int, { nullable: true, description: 'Comments; null when suppressed as a small cell.' }) count!: number | null;
  @Field(() => Float, { nullable: true, description: 'Mean sentiment score of those comments; null when suppressed.' }) meanScore!: number | null;
}

@ObjectType({ description: 'The comments of a cut: totals, every theme of the dictionary with its numbers, and the sentiment distribution.' })
export class ThemeOverview {
  @Field(() => Int, { description: 'Answers in the cut, with or without a comment.' }) responses!: number;
  @Field(() => Int, { description: 'Answers in the cut with a comment.' }) commented!: number;
  @Field(() => Int, { description: 'Commented answers from detractors (0-6).' }) commentedDetractors!: number;
  @Field(() => Int, { description: 'Commented answers from promoters (9-10).' }) commentedPromoters!: number;
  @Field(() => [ThemeStat], { description: 'Every theme of the dictionary, in dictionary order.' }) themes!: ThemeStat[];
  @Field(() => [SentimentCount], { description: 'Comments by sentiment label and language.' }) sentiment!: SentimentCount[];
}

@ObjectType({ description: "One month of a theme's trend." })
export class ThemeTrendPoint {
  @Field({ description: 'First day of the month, YYYY-MM-DD.' }) month!: string;
  @Field(() => ShareMetric, { nullable: true, description: 'Share of the commented answers of the month mentioning the theme; null when suppressed.' })
  share!: ShareMetric | null;
}

@ObjectType({ description: 'A theme in one part of the cut (a touchpoint or a language).' })
export class ThemeSplit {
  @Field(() => String, { nullable: true, description: 'Touchpoint code (null: the relationship survey), or language code da/en.' }) key!: string | null;
  @Field(() => String, { nullable: true, description: 'Touchpoint name, when the split is by touchpoint.' }) name!: string | null;
  @Field(() => MentionStatsType, { nullable: true, description: 'Numbers of the part; null when suppressed.' }) stats!: MentionStatsType | null;
  @Field({ description: 'True when the part is a small cell hidden from aggregate-only roles.' }) suppressed!: boolean;
}

@ObjectType({ description: 'One theme in a cut: its numbers, monthly trend, and where and in which language it is mentioned.' })
export class ThemeImpactType {
  @Field(() => Theme, { description: 'The theme.' }) theme!: Theme;
  @Field(() => MentionStatsType, { nullable: true, description: 'Numbers in the whole cut; null when suppressed.' }) stats!: MentionStatsType | null;
  @Field({ description: 'True when the whole cut is a small cell hidden from aggregate-only roles.' }) suppressed!: boolean;
  @Field(() => [ThemeTrendPoint], { description: 'Share mentioning it per month.' }) trend!: ThemeTrendPoint[];
  @Field(() => [ThemeSplit], { description: 'Touchpoints where it is mentioned, most detractor mentions first.' }) byTouchpoint!: ThemeSplit[];
  @Field(() => [ThemeSplit], { description: 'Danish and English comments apart.' }) byLanguage!: ThemeSplit[];
}

@ObjectType({ description: 'A feeling family at one touchpoint.' })
export class FeelingCellType {
  @Field(() => FeelingFamilyEnum, { description: 'The family.' }) family!: string;
  @Field(() => ShareMetric, { nullable: true, description: 'Comments naming a word of the family among the commented answers there; null when suppressed.' })
  share!: ShareMetric | null;
  @Field(() => Int, { nullable: true, description: 'Distinct customers; null when suppressed.' }) customers!: number | null;
  @Field(() => [String], { description: 'The words of the family found there (empty when suppressed).' }) words!: string[];
  @Field({ description: 'True when hidden as a small cell.' }) suppressed!: boolean;
}

@ObjectType({ description: 'What customers say they feel at one touchpoint.' })
export class TouchpointFeelingsType {
  @Field(() => String, { nullable: true, description: 'Touchpoint code; null for the relationship survey.' }) touchpointCode!: string | null;
  @Field(() => String, { nullable: true, description: 'Touchpoint name.' }) touchpointName!: string | null;
  @Field(() => Int, { description: 'Commented answers there.' }) commented!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Said feeling on the -2..+2 scale of documented feelings: 2 x (comments with a pleasant feeling - comments with an unpleasant one) / commented answers.',
  })
  emotionIndex!: number | null;
  @Field(() => [FeelingCellType], { description: 'Families found, most mentioned first.' }) families!: FeelingCellType[];
}

@ObjectType({ description: 'Comment sentiment and themes at one touchpoint.' })
export class TouchpointThemesType {
  @Field({ description: 'Touchpoint code.' }) touchpointCode!: string;
  @Field(() => String, { nullable: true, description: 'Touchpoint name.' }) touchpointName!: string | null;
  @Field(() => Int, { description: 'Commented answers there.' }) commented!: number;
  @Field(() => Float, { nullable: true, description: 'Mean sentiment score of the comments.' }) meanSentiment!: number | null;
  @Field(() => ShareMetric, { description: 'Share of comments with a negative label.' }) negativeShare!: ShareMetric;
  @Field(() => ShareMetric, { description: 'Share of comments with a positive label.' }) positiveShare!: ShareMetric;
  @Field(() => [ThemeStat], { description: 'Themes mentioned there, the most NPS points at stake first.' }) themes!: ThemeStat[];
}

@ObjectType({ description: 'A recurring word or two-word phrase that no theme covers: a candidate for a new theme.' })
export class SuggestedTheme {
  @Field({ description: 'The word or phrase as stems (inflections counted together).' }) phrase!: string;
  @Field({ description: 'Its most common written form.' }) example!: string;
  @Field(() => Int, { description: 'How many words: 1 for a single word, 2 for a phrase.' }) words!: number;
  @Field(() => [String], {
    description: 'For a Danish word: the compounds ending in it that its counts include, most used first (up to five per language), since a theme keyword made of the word matches them too. Empty otherwise.',
  })
  includes!: string[];
  @Field(() => Int, { description: 'Comments using it.' }) mentions!: number;
  @Field(() => Int, { description: 'Detractor comments using it.' }) detractorMentions!: number;
  @Field(() => Float, { nullable: true, description: 'How much more often detractors use it than comments in general (1 = as often).' }) detractorLift!: number | null;
  @Field(() => Float, { description: 'Detractor mentions above what its frequency alone would give; the ranking key.' }) excessDetractorMentions!: number;
}

@ObjectType({ description: 'A stretch of a comment to highlight, by character offsets.' })
export class CommentHighlight {
  @Field(() => Int, { description: 'First character (0-based).' }) start!: number;
  @Field(() => Int, { description: 'One past the last character.' }) end!: number;
  @Field(() => HighlightKindEnum, { description: 'Why it is highlighted.' }) kind!: string;
  @Field({ description: 'Theme id, feeling family, search word, or the signed sentiment value of the word.' }) label!: string;
}

@ObjectType({ description: 'A feeling word found in a comment.' })
export class FeelingMention {
  @Field(() => FeelingFamilyEnum, { description: 'Its family.' }) family!: string;
  @Field({ description: 'The word of the list that matched.' }) word!: string;
}

@ObjectType({ description: "The analysis of one comment: language, sentiment, themes, feelings and what to highlight." })
export class CommentAnalysis {
  @Field(() => CommentLanguageEnum, { description: 'Language found.' }) language!: string;
  @Field(() => Float, { description: 'Lexicon score with negation and intensifiers (sum of word values, about -10..+10).' }) score!: number;
  @Field(() => SentimentLabelEnum, { description: 'Label from the score.' }) label!: string;
  @Field(() => [Theme], { description: 'Themes it mentions.' }) themes!: Theme[];
  @Field(() => [FeelingMention], { description: 'Feeling words it uses (negated ones do not count).' }) feelings!: FeelingMention[];
  @Field(() => [CommentHighlight], { description: 'Stretches to highlight, in text order.' }) highlights!: CommentHighlight[];
}

@ObjectType({ description: "Personal data: one customer's comment with its analysis. Only roles with individual access read it; every read is audited." })
export class CommentType {
  @Field({ description: 'The answer (responses.response_id).' }) responseId!: string;
  @Field({ description: 'The customer.' }) customerId!: string;
  @Field({ description: "The customer's persona code." }) personaCode!: string;
  @Field(() => String, { nullable: true, description: 'Touchpoint code; null for the relationship survey.' }) touchpointCode!: string | null;
  @Field(() => String, { nullable: true, description: 'Touchpoint name.' }) touchpointName!: string | null;
  @Field({ description: 'When the answer was given, UTC, ISO 8601.' }) respondedAt!: string;
  @Field(() => Int, { description: 'Likelihood to recommend, 0-10.' }) ltr!: number;
  @Field({ description: 'The comment as written.' }) comment!: string;
  @Field(() => CommentAnalysis, { description: 'What the analysis found in it.' }) analysis!: CommentAnalysis;
}

@ObjectType({ description: 'A page of comments, newest first.' })
export class CommentConnection {
  @Field(() => Int, { description: 'All comments matching the filters.' }) total!: number;
  @Field(() => [CommentType], { description: 'This page.' }) items!: CommentType[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last page.' }) endCursor!: string | null;
}

@ObjectType({ description: 'A word of the feeling-word list.' })
export class FeelingWord {
  @Field({ description: 'The word, lower case; its inflections match too.' }) word!: string;
  @Field(() => CommentLanguageEnum, { description: 'Its language.' }) language!: string;
  @Field(() => FeelingFamilyEnum, { description: 'Its family.' }) family!: string;
}

@ObjectType({ description: 'What a theme would match with other keywords, against what it matches now (over all comments).' })
export class ThemePreviewType {
  @Field(() => Int, { description: 'Comments the theme matches now (0 for a new theme).' }) current!: number;
  @Field(() => Int, { description: 'Comments the proposed keywords would match.' }) proposed!: number;
  @Field(() => Int, { description: 'Comments the change would add.' }) added!: number;
  @Field(() => Int, { description: 'Comments the change would drop.' }) removed!: number;
  @Field(() => [CommentType], { description: 'Newest added comments, highlighted as they are tagged now.' }) addedExamples!: CommentType[];
  @Field(() => [CommentType], { description: 'Newest dropped comments.' }) removedExamples!: CommentType[];
}

@InputType({ description: 'A theme of the dictionary as an analyst writes it.' })
export class ThemeInput {
  @Field({ description: 'Name shown to people, 1-80 characters, unique.' }) @MaxLength(80) name!: string;
  @Field({ defaultValue: '', description: 'What the theme covers, up to 500 characters.' }) @MaxLength(500) description!: string;
  @Field(() => [String], { description: 'Keywords and phrases (up to 200, each up to 60 characters), Danish or English; inflections match too.' })
  @ArrayMaxSize(200)
  @MaxLength(60, { each: true })
  keywords!: string[];
}

@InputType({ description: 'A word for the feeling-word list.' })
export class FeelingWordInput {
  @Field({ description: 'The word or short phrase, up to 40 characters.' }) @MaxLength(40) word!: string;
  @Field(() => CommentLanguageEnum, { description: 'Its language.' }) language!: string;
  @Field(() => FeelingFamilyEnum, { description: 'The family it belongs to.' }) family!: string;
}

@ArgsType()
export class CommentsArgs {
  @Field(() => AnalyticsFilterInput, { nullable: true, description: 'The cut of answers.' }) filter?: AnalyticsFilterInput;
  @Field({ nullable: true, description: 'Words that must all occur in the comment (case-insensitive), up to 10 words.' }) @IsOptional() @MaxLength(200) search?: string;
  @Field(() => ID, { nullable: true, description: 'Only comments mentioning this theme.' }) @IsOptional() @MaxLength(64) theme?: string;
  @Field(() => SentimentLabelEnum, { nullable: true, description: 'Only comments with this label.' }) sentiment?: 'POSITIVE' | 'NEUTRAL' | 'NEGATIVE';
  @Field(() => FeelingFamilyEnum, { nullable: true, description: 'Only comments with a word of this feeling family.' }) feeling?: string;
  @Field(() => CommentLanguageEnum, { nullable: true, description: 'Only comments in this language.' }) language?: string;
  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1-200.' }) @IsInt() @Min(1) @Max(200) first!: number;
  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' }) @IsOptional() @MaxLength(200) after?: string;
}

@ArgsType()
export class ThemePreviewArgs {
  @Field(() => ID, { nullable: true, description: 'The theme being edited; leave out for a new theme.' }) @IsOptional() @MaxLength(64) theme?: string;
  @Field(() => [String], { description: 'The proposed keywords and phrases.' }) @ArrayMaxSize(200) @MaxLength(60, { each: true }) keywords!: string[];
  @Field(() => Int, { defaultValue: 5, description: 'How many example comments to return each way, 0-20.' }) @IsInt() @Min(0) @Max(20) examples!: number;
}

@ArgsType()
export class SuggestedThemesArgs {
  @Field(() => AnalyticsFilterInput, { nullable: true, description: 'The cut of answers.' }) filter?: AnalyticsFilterInput;
  @Field(() => Int, { defaultValue: 5, description: 'Least number of comments using a word or phrase, 2-100000.' }) @IsInt() @Min(2) @Max(100_000) minMentions!: number;
  @Field(() => Int, { defaultValue: 20, description: 'How many suggestions, 1-100.' }) @IsInt() @Min(1) @Max(100) first!: number;
}


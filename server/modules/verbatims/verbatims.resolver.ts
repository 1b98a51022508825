import DataLoader from 'dataloader';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { minCellCustomersFor } from '../../auth/privacy.js';
import { Rule } from '../../auth/rules.js';
import { requestScoped, requireCaller, type Context } from '../../context.js';
import { AnalyticsFilterInput, plainFilter } from '../analytics/metrics/metrics.types.js';
import { CaseAnswerType } from '../follow-ups/follow-up.type.js';
import { VerbatimService } from './verbatims.service.js';
import {
  CommentAnalysis, CommentConnection, CommentsArgs, FeelingWord, FeelingWordInput, SuggestedTheme, SuggestedThemesArgs, Theme, ThemeImpactType, ThemeInput,
  ThemeOverview, ThemePreviewArgs, ThemePreviewType, TouchpointFeelingsType, TouchpointThemesType, CommentLanguageEnum,
} from './verbatims.types.js';

const service = requestScoped((ctx: Context) => new VerbatimService(ctx.deps.analytics, minCellCustomersFor(ctx), { em: ctx.em, userId: requireCaller(ctx).id }));

@Resolver()
export class VerbatimsResolver {
  @Authorized(Rule.readIndividual)
  @Query(() => CommentConnection, {
    description: 'Customer comments of a cut, newest first, with language, sentiment, themes and feelings, and the matches highlighted. Each customer read is written to the audit log.',
  })
  comments(@Ctx() ctx: Context, @Args(() => CommentsArgs) args: CommentsArgs): Promise<CommentConnection> {
    return service(ctx).comments(
      plainFilter(args.filter),
      { search: args.search, themeId: args.theme, sentiment: args.sentiment, feeling: args.feeling, language: args.language },
      args.first,
      args.after,
    );
  }

  @Authorized(Rule.readAggregates)
  @Query(() => ThemeOverview, {
    description: 'Every theme of the dictionary with its mentions, share, detractor and promoter shares and NPS of mentioners against other commenters, plus the sentiment distribution, for a cut. Small cells are hidden from aggregate-only roles.',
  })
  themes(@Ctx() ctx: Context, @Arg('filter', () => AnalyticsFilterInput, { nullable: true, description: 'The cut of answers.' }) filter?: AnalyticsFilterInput): Promise<ThemeOverview> {
    return service(ctx).overview(plainFilter(filter));
  }

  @Authorized(Rule.readAggregates)
  @Query(() => ThemeImpactType, { description: 'One theme in a cut: its numbers with intervals, the NPS difference test, the monthly trend, and the split by touchpoint and by language.' })
  themeImpact(
    @Ctx() ctx: Context,
    @Arg('theme', () => ID, { description: 'The theme id.' }) theme: string,
    @Arg('filter', () => AnalyticsFilterInput, { nullable: true, description: 'The cut of answers.' }) filter?: AnalyticsFilterInput,
  ): Promise<ThemeImpactType> {
    return service(ctx).impact(plainFilter(filter), theme);
  }

  @Authorized(Rule.readAggregates)
  @Query(() => [TouchpointFeelingsType], { description: 'Feeling families per touchpoint (what customers say they feel), with shares, intervals and an emotion index on the -2..+2 scale.' })
  feelings(@Ctx() ctx: Context, @Arg('filter', () => AnalyticsFilterInput, { nullable: true, description: 'The cut of answers.' }) filter?: AnalyticsFilterInput): Promise<TouchpointFeelingsType[]> {
    return service(ctx).feelings(plainFilter(filter));
  }

  @Authorized(Rule.readAggregates)
  @Query(() => [TouchpointFeelingsType], {
    description: 'Feeling families per phase of the journey (touchpointCode holds the phase id, touchpointName the phase name), for the emotion curve: what customers say beside what was documented and measured.',
  })
  phaseFeelings(@Ctx() ctx: Context, @Arg('filter', () => AnalyticsFilterInput, { nullable: true, description: 'The cut of answers; name the journey.' }) filter?: AnalyticsFilterInput): Promise<TouchpointFeelingsType[]> {
    return service(ctx).feelings(plainFilter(filter), 'PHASE');
  }

  @Authorized(Rule.readAggregates)
  @Query(() => [TouchpointThemesType], { description: 'Per touchpoint: comment sentiment and the themes mentioned there, the most NPS points at stake first.' })
  touchpointThemes(@Ctx() ctx: Context, @Arg('filter', () => AnalyticsFilterInput, { nullable: true, description: 'The cut of answers.' }) filter?: AnalyticsFilterInput): Promise<TouchpointThemesType[]> {
    return service(ctx).touchpointThemes(plainFilter(filter));
  }

  @Authorized(Rule.editDictionary)
  @Query(() => [SuggestedTheme], { description: 'Recurring words and two-word phrases no theme covers (sentiment and feeling words left out), ranked by how many more detractor comments use them than their frequency alone would give.' })
  suggestedThemes(@Ctx() ctx: Context, @Args(() => SuggestedThemesArgs) args: SuggestedThemesArgs): Promise<SuggestedTheme[]> {
    return service(ctx).suggestions(plainFilter(args.filter), args.minMentions, args.first);
  }

  @Authorized(Rule.readAggregates)
  @Query(() => [Theme], { description: 'The theme dictionary, in its order.' })
  themeDictionary(@Ctx() ctx: Context): Promise<Theme[]> {
    return service(ctx).themes();
  }

  @Authorized(Rule.readAggregates)
  @Query(() => [FeelingWord], { description: 'The feeling-word list, by family and language.' })
  feelingWords(@Ctx() ctx: Context): Promise<FeelingWord[]> {
    return service(ctx).feelingWords();
  }

  @Authorized(Rule.editDictionary)
  @Query(() => ThemePreviewType, { description: 'What a theme would match with the proposed keywords, against what it matches now. Changes nothing.' })
  themePreview(@Ctx() ctx: Context, @Args(() => ThemePreviewArgs) args: ThemePreviewArgs): Promise<ThemePreviewType> {
    return service(ctx).preview(args.theme ?? null, args.keywords, args.examples);
  }

  @Authorized(Rule.editDictionary)
  @Mutation(() => Theme, { description: 'Adds a theme to the dictionary and tags every comment again.' })
  createTheme(@Ctx() ctx: Context, @Arg('input', () => ThemeInput, { description: 'The new theme.' }) input: ThemeInput): Promise<Theme> {
    return service(ctx).createTheme(input);
  }

  @Authorized(Rule.editDictionary)
  @Mutation(() => Theme, { description: "Changes a theme's name, description and keywords and tags every comment again." })
  updateTheme(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { description: 'The theme.' }) id: string,
    @Arg('input', () => ThemeInput, { description: 'The theme as it should be.' }) input: ThemeInput,
  ): Promise<Theme> {
    return service(ctx).updateTheme(id, input);
  }

  @Authorized(Rule.editDictionary)
  @Mutation(() => Boolean, { description: 'Removes a theme and its tags.' })
  deleteTheme(@Ctx() ctx: Context, @Arg('id', () => ID, { description: 'The theme.' }) id: string): Promise<boolean> {
    return service(ctx).deleteTheme(id);
  }

  @Authorized(Rule.editDictionary)
  @Mutation(() => FeelingWord, { description: 'Adds a word to the feeling-word list (or moves it to another family) and tags every comment again.' })
  setFeelingWord(@Ctx() ctx: Context, @Arg('input', () => FeelingWordInput, { description: 'The word.' }) input: FeelingWordInput): Promise<FeelingWord> {
    return service(ctx).setFeelingWord(input);
  }

  @Authorized(Rule.editDictionary)
  @Mutation(() => Boolean, { description: 'Removes a word from the feeling-word list and tags every comment again; false when the list did not have it.' })
  removeFeelingWord(
    @Ctx() ctx: Context,
    @Arg('word', { description: 'The word.' }) word: string,
    @Arg('language', () => CommentLanguageEnum, { description: 'Its language.' }) language: string,
  ): Promise<boolean> {
    return service(ctx).removeFeelingWord({ word, language });
  }
}

/** The analysis of a follow-up case's answers: batched per request, read only where the case is readable. */
const analysisLoader = requestScoped(
  (ctx: Context) =>
    new DataLoader<CaseAnswerType, CommentAnalysis | null, string>(
      async (answers) => {
        const comments = new Map(answers.flatMap((a) => (a.comment ? [[a.responseId, a.comment] as const] : [])));
        const found = await service(ctx).analyses([...comments.keys()], comments);
        return answers.map((a) => found.get(a.responseId) ?? null);
      },
      { cacheKeyFn: (a) => a.responseId },
    ),
);

@Resolver(() => CaseAnswerType)
export class CaseAnswerAnalysisResolver {
  @FieldResolver(() => CommentAnalysis, { nullable: true, description: "The comment's language, sentiment, themes, feelings and highlights; null without a comment." })
  analysis(@Root() answer: CaseAnswerType, @Ctx() ctx: Context): Promise<CommentAnalysis | null> {
    return analysisLoader(ctx).load(answer);
  }
}

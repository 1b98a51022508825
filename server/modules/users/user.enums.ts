import { registerEnumType } from 'type-graphql';

/** What a user may do; rules per role are in server/auth/rules.ts. */
export enum Role {
  ADMIN = 'ADMIN',
  STRATEGIST = 'STRATEGIST',
  ANALYST = 'ANALYST',
  EXECUTIVE = 'EXECUTIVE',
}
registerEnumType(Role, { name: 'Role' });

/** The language a user reads Touchpoint in; numbers, dates and money follow its conventions. */
export enum Language {
  EN = 'EN',
  DA = 'DA',
}
/** The saved form of a language the server words text in ('da', 'en'). */
export const savedLanguage = (language: 'da' | 'en' | null): Language | null => (language === null ? null : language === 'da' ? Language.DA : Language.EN);

registerEnumType(Language, {
  name: 'Language',
  description: 'The language a user reads Touchpoint in.',
  valuesConfig: { EN: { description: 'English.' }, DA: { description: 'Danish (dansk).' } },
});

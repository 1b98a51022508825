import type { Channel, JourneyPurpose, JourneyState } from '../../../graphql/generated';

// Records over the schema's enums: a new enum value fails typecheck until it has a label.

export const CHANNEL_LABELS: Record<Channel, string> = {
  ADVERTISING: 'Advertising',
  APP: 'App',
  CHAT: 'Chat',
  EMAIL: 'E-mail',
  FACE_TO_FACE: 'Face to face',
  LANDING_PAGE: 'Landing page',
  LETTER: 'Letter',
  PARTNER: 'Partner',
  PHONE: 'Phone',
  SMS: 'SMS',
  SOCIAL: 'Social media',
  WEB: 'Web',
};

export const STATE_LABELS: Record<JourneyState, string> = { AS_IS: 'As-is', TO_BE: 'To-be' };

export const PURPOSE_LABELS: Record<JourneyPurpose, string> = {
  DOCUMENT: 'Document',
  UNDERSTAND: 'Understand',
  DEFINE_ROLES: 'Define roles',
  OPTIMISE: 'Optimise',
};

export function isJourneyState(value: unknown): value is JourneyState {
  return typeof value === 'string' && Object.hasOwn(STATE_LABELS, value);
}

/** What the touchpoint flags mean (source 004), for tooltips on cards and in the legend. */
export const FLAG_HINTS = {
  critical: 'Critical: a moment of truth for the relationship',
  difficult: 'Difficult: many detractors or negative emotions',
  indirect: 'Indirect: before or after contact with the company',
} as const;

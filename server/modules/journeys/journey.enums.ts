import { registerEnumType } from 'type-graphql';

/** Why the journey is mapped (source 001 #1): the purpose decides how much detail it needs. */
export enum JourneyPurpose {
  DOCUMENT = 'DOCUMENT',
  UNDERSTAND = 'UNDERSTAND',
  DEFINE_ROLES = 'DEFINE_ROLES',
  OPTIMISE = 'OPTIMISE',
}

/** As-is maps today's journey; a to-be journey references the as-is journey it improves (source 001 #4). */
export enum JourneyState {
  AS_IS = 'AS_IS',
  TO_BE = 'TO_BE',
}

export enum Channel {
  WEB = 'WEB',
  LANDING_PAGE = 'LANDING_PAGE',
  APP = 'APP',
  EMAIL = 'EMAIL',
  SMS = 'SMS',
  SOCIAL = 'SOCIAL',
  CHAT = 'CHAT',
  PHONE = 'PHONE',
  LETTER = 'LETTER',
  FACE_TO_FACE = 'FACE_TO_FACE',
  PARTNER = 'PARTNER',
  ADVERTISING = 'ADVERTISING',
}

registerEnumType(JourneyPurpose, { name: 'JourneyPurpose', description: 'Why the journey is mapped: what the company wants the map to do.' });
registerEnumType(JourneyState, { name: 'JourneyState', description: 'AS_IS maps today; TO_BE is the improved journey.' });
registerEnumType(Channel, { name: 'Channel', description: 'Where the customer meets the touchpoint.' });

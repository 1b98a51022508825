import type { Channel, JourneyPurpose, JourneyState } from '../../../graphql/generated';
import { t } from '../../../shared/i18n';

// Records over the schema's enums: a new enum value fails typecheck until it has a label. Each label is
// a getter that translates when read, so a template reading `CHANNEL_LABELS[c]` follows the language,
// and the records keep their plain shape for the other folders that import them.
const channel = (key: Channel) => t(`journeys.labels.channel.${key}`);
const state = (key: JourneyState) => t(`journeys.labels.state.${key}`);
const purpose = (key: JourneyPurpose) => t(`journeys.labels.purpose.${key}`);
const flag = (key: 'critical' | 'difficult' | 'indirect') => t(`journeys.labels.flagHint.${key}`);

export const CHANNEL_LABELS: Record<Channel, string> = {
  get ADVERTISING() {
    return channel('ADVERTISING');
  },
  get APP() {
    return channel('APP');
  },
  get CHAT() {
    return channel('CHAT');
  },
  get EMAIL() {
    return channel('EMAIL');
  },
  get FACE_TO_FACE() {
    return channel('FACE_TO_FACE');
  },
  get LANDING_PAGE() {
    return channel('LANDING_PAGE');
  },
  get LETTER() {
    return channel('LETTER');
  },
  get PARTNER() {
    return channel('PARTNER');
  },
  get PHONE() {
    return channel('PHONE');
  },
  get SMS() {
    return channel('SMS');
  },
  get SOCIAL() {
    return channel('SOCIAL');
  },
  get WEB() {
    return channel('WEB');
  },
};

export const STATE_LABELS: Record<JourneyState, string> = {
  get AS_IS() {
    return state('AS_IS');
  },
  get TO_BE() {
    return state('TO_BE');
  },
};

export const PURPOSE_LABELS: Record<JourneyPurpose, string> = {
  get DOCUMENT() {
    return purpose('DOCUMENT');
  },
  get UNDERSTAND() {
    return purpose('UNDERSTAND');
  },
  get DEFINE_ROLES() {
    return purpose('DEFINE_ROLES');
  },
  get OPTIMISE() {
    return purpose('OPTIMISE');
  },
};

export function isJourneyState(value: unknown): value is JourneyState {
  return typeof value === 'string' && Object.hasOwn(STATE_LABELS, value);
}

/** What the touchpoint flags mean, for tooltips on cards and in the legend. */
export const FLAG_HINTS: Record<'critical' | 'difficult' | 'indirect', string> = {
  get critical() {
    return flag('critical');
  },
  get difficult() {
    return flag('difficult');
  },
  get indirect() {
    return flag('indirect');
  },
};

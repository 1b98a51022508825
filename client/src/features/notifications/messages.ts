import type { FolderMessages } from '../../shared/i18n';

/** A user's own notification choices (on the account page) and the weekly digest preview. */
export default {
  en: {
    notifications: {
      title: 'Notifications',
      loading: 'Loading your notification settings',
      loadWhat: 'notification settings',
      emailsGoTo: 'E-mails go to {email}.',
      emailNotConfigured: 'E-mail is not set up on this server yet: your choices are kept and take effect once an administrator sets it up.',
      events: {
        alertRaised: 'Alerts on a drop in NPS',
        caseAssigned: 'A follow-up case given to me',
        caseOverdue: 'My follow-up cases that are overdue',
      },
      frequencies: { IMMEDIATE: 'At once', DAILY_SUMMARY: 'Daily summary', NEVER: 'Never' },
      weeklyDigest: 'The weekly digest for my role, on Monday mornings',
      previewIt: '(preview it)',
      notSaved: 'Not saved: {why}',
      noAnswer: 'the server did not answer; try again.',
      saved: 'Saved.',
      digest: {
        title: 'Weekly digest',
        ledeEachRole: 'What the Monday e-mail holds for each role, as it would be sent now.',
        ledeYou: 'What the Monday e-mail holds for you, as it would be sent now.',
        for: 'Digest for',
        myRole: 'My role',
        kinds: {
          PROGRAMME: 'Executives: the programme',
          PRIORITIES: 'Strategists: priorities and alerts',
          CASES: 'Front line: open and overdue cases',
        },
        loading: 'Building the digest',
        loadWhat: 'digest',
        email: 'The e-mail',
        emailFrame: 'The digest e-mail as it is sent',
        plainText: 'Plain-text version',
      },
    },
  },
  da: {
    notifications: {
      title: 'Notifikationer',
      loading: 'Henter dine indstillinger for notifikationer',
      loadWhat: 'indstillinger for notifikationer',
      emailsGoTo: 'E-mails sendes til {email}.',
      emailNotConfigured: 'E-mail er ikke sat op på denne server endnu: dine valg gemmes og træder i kraft, når en administrator har sat det op.',
      events: {
        alertRaised: 'Alarmer om fald i NPS',
        caseAssigned: 'En opfølgningssag, der er givet til mig',
        caseOverdue: 'Mine opfølgningssager, der er forsinkede',
      },
      frequencies: { IMMEDIATE: 'Med det samme', DAILY_SUMMARY: 'Daglig oversigt', NEVER: 'Aldrig' },
      weeklyDigest: 'Det ugentlige overblik for min rolle, mandag morgen',
      previewIt: '(se et eksempel)',
      notSaved: 'Ikke gemt: {why}',
      noAnswer: 'serveren svarede ikke; prøv igen.',
      saved: 'Gemt.',
      digest: {
        title: 'Ugentligt overblik',
        ledeEachRole: 'Hvad mandagens e-mail indeholder for hver rolle, som den ville blive sendt nu.',
        ledeYou: 'Hvad mandagens e-mail indeholder for dig, som den ville blive sendt nu.',
        for: 'Overblik for',
        myRole: 'Min rolle',
        kinds: {
          PROGRAMME: 'Direktion: programmet',
          PRIORITIES: 'Strateger: prioriteter og alarmer',
          CASES: 'Frontlinjen: åbne og forsinkede sager',
        },
        loading: 'Bygger overblikket',
        loadWhat: 'overblik',
        email: 'E-mailen',
        emailFrame: 'Overblikkets e-mail, som den sendes',
        plainText: 'Ren tekst-udgave',
      },
    },
  },
} satisfies FolderMessages;

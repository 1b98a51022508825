import type { FolderMessages } from '../../shared/i18n';

/** The first-run checklist (get started) and the overview's "what to do next" box on an empty install. */
export default {
  en: {
    getStarted: {
      title: 'Set up your company',
      lede: 'From an empty install to your own driver ranking, in the browser. Each step opens the page that does it; come back here to see what is left.',
      loadWhat: 'setup checklist',
      tryAgain: 'Try again',
      loading: 'Checking what is set up…',
      count: '{done} of {total} steps done',
      markDone: 'Done',
      markNext: 'Next',
      markTodo: 'To do',
      doneBy: 'Done by {roles}',
      or: 'or',
      comingSoon: 'Coming soon',
      steps: {
        personas: { title: 'Describe your personas', why: 'The customer segments you analyse by; survey data names them by code.', action: 'Add personas' },
        departments: { title: 'Add departments', why: 'Who owns each touchpoint and its follow-up cases.', action: 'Add departments' },
        journey: {
          title: 'Map a customer journey with its phases',
          why: 'Phases come first: what customers do, think and feel before, during and after buying.',
          action: 'Create a journey',
        },
        touchpoints: {
          title: 'Add the touchpoints customers meet',
          why: 'Each touchpoint with the code your survey data uses for it; paste a list of names to add many.',
          action: 'Add touchpoints',
        },
        import: {
          title: 'Import customers and survey answers',
          why: 'Upload your survey export (CSV, Excel or Parquet) and map its columns in the browser.',
          action: 'Import answers',
        },
        priorities: { title: 'See which touchpoints drive loyalty', why: 'The driver ranking and what to fix first, from the answers you imported.', action: 'Open priorities' },
      },
      next: {
        titleJourney: 'Start by mapping your first customer journey',
        titleAnswers: 'Next: bring in your survey answers',
        noJourneys: "There are no journeys yet. A journey's phases and touchpoints are what the answers are measured against.",
        noAnswers: 'The journeys are there, but the store holds no answers yet, so there are no numbers to show.',
        setUp: 'Set up the company',
        createJourney: 'Create a journey',
        importAnswers: 'Import answers',
        whoMaps: 'A strategist or an administrator maps the journeys.',
        whoImports: 'An analyst or an administrator imports the answers.',
      },
    },
  },
  da: {
    getStarted: {
      title: 'Sæt din virksomhed op',
      lede: 'Fra en tom installation til din egen rangering af drivkræfter, direkte i browseren. Hvert trin åbner den side, hvor det gøres; kom tilbage hertil for at se, hvad der mangler.',
      loadWhat: 'tjekliste til opsætning',
      tryAgain: 'Prøv igen',
      loading: 'Tjekker, hvad der er sat op…',
      count: '{done} af {total} trin udført',
      markDone: 'Udført',
      markNext: 'Næste',
      markTodo: 'Mangler',
      doneBy: 'Udføres af en {roles}',
      or: 'eller',
      comingSoon: 'Kommer snart',
      steps: {
        personas: { title: 'Beskriv jeres personaer', why: 'De kundesegmenter, I analyserer efter; surveydata angiver dem med en kode.', action: 'Tilføj personaer' },
        departments: { title: 'Tilføj afdelinger', why: 'Hvem der ejer hvert kontaktpunkt og dets opfølgningssager.', action: 'Tilføj afdelinger' },
        journey: {
          title: 'Kortlæg en kunderejse med dens faser',
          why: 'Faserne kommer først: hvad kunderne gør, tænker og føler før, under og efter købet.',
          action: 'Opret en kunderejse',
        },
        touchpoints: {
          title: 'Tilføj de kontaktpunkter, kunderne møder',
          why: 'Hvert kontaktpunkt med den kode, jeres surveydata bruger for det; indsæt en liste med navne for at tilføje mange på én gang.',
          action: 'Tilføj kontaktpunkter',
        },
        import: {
          title: 'Importér kunder og svar',
          why: 'Upload jeres surveyeksport (CSV, Excel eller Parquet), og kobl kolonnerne i browseren.',
          action: 'Importér svar',
        },
        priorities: { title: 'Se, hvilke kontaktpunkter der driver loyaliteten', why: 'Rangeringen af drivkræfter og hvad der skal rettes først, ud fra de svar, du har importeret.', action: 'Åbn prioriteter' },
      },
      next: {
        titleJourney: 'Start med at kortlægge jeres første kunderejse',
        titleAnswers: 'Næste skridt: hent jeres svar ind',
        noJourneys: 'Der er ingen kunderejser endnu. Svarene måles op mod en kunderejses faser og kontaktpunkter.',
        noAnswers: 'Kunderejserne er på plads, men der er ingen svar endnu, så der er ingen tal at vise.',
        setUp: 'Sæt virksomheden op',
        createJourney: 'Opret en kunderejse',
        importAnswers: 'Importér svar',
        whoMaps: 'En strateg eller en administrator kortlægger kunderejserne.',
        whoImports: 'En analytiker eller en administrator importerer svarene.',
      },
    },
  },
} satisfies FolderMessages;

/**
 * Free-text comments for generated responses, by phase (index in the demo journey) or the relationship
 * survey, and by sentiment (detractor / passive / promoter). A comment is an opening sentence, sometimes
 * followed by a tail, so the same sentence reads differently across customers.
 */
export type Sentiment = 'negative' | 'neutral' | 'positive';

export const PHASE_COMMENTS: readonly Readonly<Record<Sentiment, readonly string[]>>[] = [
  {
    negative: [
      'The ad promised "tryghed" but says nothing about what is actually covered.',
      'Your prices on the comparison site were not the ones I got.',
      'Too many ads on Facebook, and none of them relevant to me.',
      'Reviews online scared me off at first.',
      'The product pages are full of insurance jargon.',
      'My bank pushed me towards you without explaining why.',
    ],
    neutral: [
      'Saw the campaign, nothing special.',
      'The website was fine, a bit hard to compare products.',
      'Price was in the middle of the market.',
      'Got your name from the car dealer.',
      'Ok information, but I had to read it twice.',
    ],
    positive: [
      'My bank advisor recommended you and she was right.',
      'Clear website, I quickly understood what I needed.',
      'Nice campaign, it made me look you up.',
      'Good reviews from people like me.',
      'Best price on the comparison site and good cover.',
    ],
  },
  {
    negative: [
      'The quote form asked for the same information three times.',
      'The follow-up calls were far too pushy.',
      'Waited 25 minutes on the sales line.',
      'The written quote never arrived.',
      'Nobody could explain the difference between the two pension products.',
      'The chat closed while I was typing.',
    ],
    neutral: [
      'The quote took longer than expected but was ok.',
      'Advisor was friendly, but I still have questions.',
      'The online calculator works, nothing more.',
      'Fair price, not the cheapest.',
      'Got the quote by email the next day.',
    ],
    positive: [
      'The advisor took the time to understand our family situation.',
      'Got a price in five minutes online, impressive.',
      'The meeting at the branch gave me a real overview of my pension.',
      'Quick and competent answers in the chat.',
      'Peter explained everything in plain Danish.',
    ],
  },
  {
    negative: [
      'The policy documents are impossible to understand.',
      'My pension transfer took two months and nobody told me anything.',
      'Could not log in to the app with MitID.',
      'The welcome emails were just sales.',
      'Paid twice because Betalingsservice was set up wrong.',
    ],
    neutral: [
      'Signing online worked.',
      'Got the documents in e-Boks, have not read them all.',
      'The app works, but I had to call to activate it.',
      'The welcome call was a bit long.',
      'Pension transfer done in the end.',
    ],
    positive: [
      'Signing with MitID took two minutes.',
      'Lovely welcome call, I felt like a real customer.',
      'The pension transfer went smoothly and I was updated along the way.',
      'Great overview in the app from day one.',
      'Everything was exactly as the advisor promised.',
    ],
  },
  {
    negative: [
      'Waited 40 minutes in the phone queue.',
      'The app logs me out all the time.',
      'I have called three times about the same thing.',
      'The annual statement is full of numbers I do not understand.',
      'The chatbot does not understand my question.',
      'The payment reminder was rude, I had paid.',
      'The app crashes when I open my documents.',
    ],
    neutral: [
      'The app is ok, but hard to find the pension balance.',
      'Got an answer by email after two days.',
      'Normal service, nothing special.',
      'The newsletter is fine but a bit long.',
      'Waited a while on the phone, but got help.',
    ],
    positive: [
      'Anne in Kundeservice solved it in one call.',
      'The app gives me a great overview.',
      'Quick, friendly and competent help on the phone.',
      'Nice that I can change my cover myself in the app.',
      'The annual statement was easy to read this year.',
      'Answer in the chat within a minute.',
    ],
  },
  {
    negative: [
      'My water damage claim has been open for six weeks.',
      'I felt treated like a cheater by the loss adjuster.',
      'Nobody calls back about my claim.',
      'The decision letter does not explain how you calculated the amount.',
      'Had to chase my claim every week.',
      'Rejected on a technicality in the small print.',
      'My complaint has not been answered after a month.',
    ],
    neutral: [
      'The claim was handled, but it took a while.',
      'The loss adjuster was polite but rushed.',
      'Got the money, though less than I hoped.',
      'Reporting online was fine.',
      'The workshop handled most of it.',
    ],
    positive: [
      'Morten, my claims handler, called me the same day. Fantastic.',
      'The money was in my NemKonto two days after the decision.',
      'The workshop and Nordlys sorted everything, I did nothing.',
      'Calm and caring help on the phone right after the burglary.',
      'Fair decision, clearly explained.',
      'Reported the claim online with photos in five minutes.',
    ],
  },
  {
    negative: [
      'Again a price increase without any explanation.',
      'The renewal letter came after the money was taken.',
      'Sales call during dinner about cover I do not need.',
      'Loyalty is clearly not rewarded here.',
      'The index adjustment is just a hidden price rise.',
    ],
    neutral: [
      'The renewal went through automatically.',
      'The price went up a little, as expected.',
      'The review meeting was ok, not much new.',
      'Did not know about the bonus before.',
      'Standard renewal letter.',
    ],
    positive: [
      'The Tryghedstjek found a gap in our cover. Very useful.',
      'My advisor knows me and my family, that is worth a lot.',
      'Nice surprise with the Nordlys Bonus.',
      'The price change was explained honestly in advance.',
      'The annual review meeting made me feel looked after.',
    ],
  },
  {
    negative: [
      'It was much harder to leave than to join.',
      'The retention offer came far too late.',
      'The final statement was wrong.',
      'Moving my pension out cost me a fee nobody mentioned.',
      'Only when I cancelled did anyone call me.',
    ],
    neutral: [
      'Cancellation was handled.',
      'Left for a better price elsewhere.',
      'Final statement received.',
      'Moving in with my partner who has insurance elsewhere.',
      'Nothing wrong, just a better offer.',
    ],
    positive: [
      'Sad to leave my advisor, the service was good.',
      'Cancellation was quick and respectful.',
      'Smooth transfer of my pension, thank you.',
      'Would come back if the price was right.',
      'Fair treatment to the very end.',
    ],
  },
];

export const RELATIONSHIP_COMMENTS: Readonly<Record<Sentiment, readonly string[]>> = {
  negative: [
    'Insurance companies only care until you make a claim.',
    'Too expensive for what you get.',
    'Impossible to reach anyone when you need help.',
    'I never know who my contact person is.',
    'The price goes up every year and the service goes down.',
    'Hidden fees on my pension.',
    'Nobody has contacted me in years, except to sell.',
  ],
  neutral: [
    'Ok insurance company, nothing special.',
    'Fair prices, average service.',
    'They do what they should.',
    'Have not needed them much.',
    'Would like more advice about my pension.',
    'Fine, but the app could be better.',
  ],
  positive: [
    'They were there when we needed them.',
    'Good advice and fair prices.',
    'I feel safe with Nordlys.',
    'My advisor always takes the time.',
    'Quick help every time I have called.',
    'Recommended them to my sister already.',
    'Tryghed is the right word.',
  ],
};

export const TAILS: Readonly<Record<Sentiment, readonly string[]>> = {
  negative: [' Not good enough.', ' Very disappointed.', ' Please do something about it.', ' Considering switching.', ' Again!', ' Typical.'],
  neutral: [' Could be better.', ' Otherwise fine.', ' Thanks.', ' We will see.'],
  positive: [' Thank you!', ' Keep it up.', ' Tak for hjælpen!', ' 10 out of 10.', ' Great job.'],
};

/**
 * Danish comments, by sentiment, written instead of the phase's English sentence on a share of the
 * commented answers (PLANTED.danishShare), so the analysis meets both languages.
 */
export const DANISH_COMMENTS: Readonly<Record<Sentiment, readonly string[]>> = {
  negative: [
    'Alt for dyrt i forhold til hvad man får.',
    'Jeg har ringet tre gange om det samme, ingen vender tilbage.',
    'Appen logger mig ud hele tiden, det er irriterende.',
    'Ingen forklaring på hvorfor prisen steg.',
    'Meget dårlig service, jeg er skuffet.',
    'Brevet var fuld af fagsprog jeg ikke forstår.',
  ],
  neutral: [
    'Det fungerede, men ikke mere end det.',
    'Helt okay oplevelse.',
    'Fik svar efter et par dage.',
    'Prisen er som forventet.',
    'Hjemmesiden er lidt rodet.',
  ],
  positive: [
    'Rigtig god og hurtig hjælp.',
    'Kompetent rådgiver der tog sig god tid.',
    'Nem selvbetjening i appen, dejligt.',
    'Fantastisk service, tak for hjælpen.',
    'Jeg føler mig tryg hos jer.',
    'Ikke dårligt, alt gik som det skulle.',
  ],
};

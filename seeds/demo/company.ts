import { Channel, JourneyPurpose } from '../../server/modules/journeys/journey.enums.js';
import { EffectKind, InitiativeStatus, InitiativeTrack } from '../../server/modules/initiatives/initiative.entity.js';
import { TargetMetric, TargetScope } from '../../server/modules/targets/target.entity.js';
import type { DemoCompany } from './company.types.js';
import { addDays, addMonths, toLocalDate } from '../../analytics/localDate.js';

/**
 * Nordlys Forsikring & Pension: a Danish insurance and pension company in the spirit of source 000
 * (Skandia: first NPS -44, -25 two years later, target +25). The synthetic generator (seeds/generate)
 * uses these codes; the dates of targets and initiatives follow the generated data window.
 */

/** Months of generated data in the demo (seeds/generate default). */
export const DEMO_MONTHS = 24;

/**
 * Yesterday (UTC) as YYYY-MM-DD: the default last day of the demo data. Answers fall between 07:00 and
 * 22:00 of their day, so data ending today held answers later than now at any hour before 22:00 (a start
 * just after midnight had a whole day of answers from the future).
 */
export function defaultDemoEndDate(now: Date = new Date()): string {
  return addDays(toLocalDate(now), -1);
}

/** First day of the generated data: the first day of the month `months - 1` months before the end date's month. */
export function demoDataStart(endDate: string, months: number = DEMO_MONTHS): string {
  const end = new Date(`${endDate}T00:00:00Z`);
  return new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - (months - 1), 1)).toISOString().slice(0, 10);
}

const MARKETING = 'Marketing';
const SALES = 'Sales & Advice';
const SERVICE = 'Customer Service';
const CLAIMS = 'Claims';
const DIGITAL = 'IT & Digital';

type Phase = DemoCompany['journey']['phases'][number];
type Tp = Phase['touchpoints'][number];
type Kpi = Tp['kpis'][number];

const lowerBetter = (name: string, unit: string, target: number): Kpi => ({ name, unit, target, higherIsBetter: false });
const higherBetter = (name: string, unit: string, target: number): Kpi => ({ name, unit, target, higherIsBetter: true });

/** Touchpoint with the usual defaults (not critical, not difficult). */
function tp(fields: Omit<Tp, 'critical' | 'difficult'> & Partial<Pick<Tp, 'critical' | 'difficult'>>): Tp {
  return { critical: false, difficult: false, ...fields };
}

const phases: Phase[] = [
  {
    name: 'Before purchase',
    description: 'The customer notices a need (new car, first child, own business, retirement in sight) and looks around.',
    actions: ['Sees a campaign', 'Asks friends and the bank advisor', 'Reads reviews on Trustpilot', 'Compares prices online'],
    thoughts: ['"Are all insurance companies the same?"', '"What do I actually need to be covered for?"', '"Will they pay out when it matters?"'],
    feelings: ['Uncertain', 'Sceptical of the industry', 'A little overwhelmed'],
    emotion: 0,
    touchpoints: [
      tp({
        code: 'TP_TV_AD', name: 'TV and online video campaign "Tryg hele livet"', channel: Channel.ADVERTISING, online: false, direct: false,
        department: MARKETING, responsible: 'Mette Lindholm', purpose: 'Make Nordlys known as the pension and insurance company that is there when life changes.',
        kpis: [higherBetter('Aided brand awareness', '%', 55)], functionalElements: ['Product range', 'Where to get a quote'],
        emotionalElements: ['Tryghed (feeling safe)', 'Warmth'],
      }),
      tp({
        code: 'TP_SOCIAL_ADS', name: 'Facebook and Instagram ads', channel: Channel.SOCIAL, online: true, direct: false,
        department: MARKETING, responsible: 'Jonas Holm', purpose: 'Reach young families and digital natives at life events.',
        kpis: [higherBetter('Click-through rate', '%', 1.2)], functionalElements: ['Offer', 'Link to the quote'], emotionalElements: ['Relevance', 'Humour'],
      }),
      tp({
        code: 'TP_REVIEWS', name: 'Trustpilot reviews', channel: Channel.SOCIAL, online: true, direct: false,
        department: MARKETING, responsible: 'Jonas Holm', purpose: 'Show what customers say, and answer every negative review within two days.',
        kpis: [higherBetter('TrustScore', 'stars', 4.2), lowerBetter('Reply time to reviews', 'hours', 48)],
        functionalElements: ['Honest reviews', 'Company replies'], emotionalElements: ['Trust', 'Being taken seriously'], difficult: true,
      }),
      tp({
        code: 'TP_PRICE_COMPARISON', name: 'Price comparison sites', channel: Channel.WEB, online: true, direct: false,
        department: MARKETING, responsible: 'Jonas Holm', purpose: 'Be listed with correct prices and cover on the comparison sites.',
        kpis: [higherBetter('Share of comparisons ranking us top 3', '%', 40)], functionalElements: ['Price', 'Cover and excess'],
        emotionalElements: ['Feeling smart about the choice'],
      }),
      tp({
        code: 'TP_WEBSITE_PRODUCT', name: 'Product pages on nordlys.dk', channel: Channel.WEB, online: true, direct: true,
        department: DIGITAL, responsible: 'Sara Kjær', purpose: 'Explain cover in plain Danish and lead on to a quote or an advisor.',
        kpis: [lowerBetter('Bounce rate', '%', 35), higherBetter('Quote starts per 100 visits', 'count', 8)],
        functionalElements: ['Cover explained', 'Prices from', 'Book an advisor'], emotionalElements: ['Clarity', 'No small print'],
      }),
      tp({
        code: 'TP_BANK_REFERRAL', name: 'Referral from partner bank advisor', channel: Channel.PARTNER, online: false, direct: false,
        department: SALES, responsible: 'Henrik Bach', purpose: 'Partner banks refer customers buying a home or setting up a pension.',
        kpis: [higherBetter('Referrals per month', 'count', 400)], functionalElements: ['Warm hand-over', 'Shared customer file'],
        emotionalElements: ['Trust carried over from the bank'],
      }),
      tp({
        code: 'TP_CAR_DEALER', name: 'Car insurance offered at the car dealer', channel: Channel.PARTNER, online: false, direct: false,
        department: SALES, responsible: 'Henrik Bach', purpose: 'Insure the new car before it leaves the dealer.',
        kpis: [higherBetter('Attach rate on new cars', '%', 30)], functionalElements: ['Instant cover', 'Price at the counter'],
        emotionalElements: ['Convenience'],
      }),
    ],
  },
  {
    name: 'Consideration & quote',
    description: 'The customer gets a price and advice and decides whether Nordlys is worth switching to.',
    actions: ['Fills in the online quote', 'Calls or chats for advice', 'Meets an advisor about pension', 'Waits for the written quote'],
    thoughts: ['"Why do they need all this information?"', '"Is the cheapest one good enough?"', '"Do I dare move my pension?"'],
    feelings: ['Impatient', 'Confused by terms (selvrisiko, dækningssum)', 'Hopeful when someone explains'],
    emotion: -1,
    touchpoints: [
      tp({
        code: 'TP_LANDING_PAGE', name: 'Campaign landing page', channel: Channel.LANDING_PAGE, online: true, direct: true,
        department: MARKETING, responsible: 'Mette Lindholm', purpose: 'Turn campaign traffic into quote starts.',
        kpis: [higherBetter('Landing page conversion', '%', 6)], functionalElements: ['Offer', 'Start quote'], emotionalElements: ['Recognition from the campaign'],
      }),
      tp({
        code: 'TP_WEB_QUOTE', name: 'Online quote calculator', channel: Channel.WEB, online: true, direct: true,
        department: DIGITAL, responsible: 'Sara Kjær', purpose: 'A binding price in under five minutes, pre-filled from public registers.',
        kpis: [higherBetter('Quote conversion', '%', 12), lowerBetter('Time to quote', 'min', 5)],
        functionalElements: ['Pre-filled data', 'Price breakdown', 'Save and continue later'], emotionalElements: ['In control', 'Not being sold to'],
      }),
      tp({
        code: 'TP_CHAT_PRESALES', name: 'Chat with a sales advisor', channel: Channel.CHAT, online: true, direct: true,
        department: SALES, responsible: 'Line Mortensen', purpose: 'Answer questions while the customer is in the quote.',
        kpis: [lowerBetter('Chat wait time', 's', 30)], functionalElements: ['Quick answers', 'Hand-over to phone'], emotionalElements: ['Helped, not pushed'],
      }),
      tp({
        code: 'TP_PHONE_SALES', name: 'Inbound sales line', channel: Channel.PHONE, online: false, direct: true,
        department: SALES, responsible: 'Line Mortensen', purpose: 'Advise and sell by phone.',
        kpis: [lowerBetter('Answer time', 's', 45), higherBetter('Calls to sale', '%', 25)],
        functionalElements: ['Needs analysis', 'Price on the call'], emotionalElements: ['Competence', 'Friendliness'],
      }),
      tp({
        code: 'TP_ADVISOR_MEETING', name: 'Pension and insurance advice meeting', channel: Channel.FACE_TO_FACE, online: false, direct: true,
        department: SALES, responsible: 'Peter Dahl', purpose: 'A full overview of pension, insurance and family situation, at the branch or on video.',
        kpis: [higherBetter('Meetings leading to a customer', '%', 60), lowerBetter('Days to first meeting', 'days', 5)],
        functionalElements: ['Pension overview (PensionsInfo)', 'Recommendation in writing'], emotionalElements: ['Being understood', 'Trust'],
        critical: true,
      }),
      tp({
        code: 'TP_QUOTE_EMAIL', name: 'Written quote by email', channel: Channel.EMAIL, online: true, direct: true,
        department: SALES, responsible: 'Line Mortensen', purpose: 'Confirm price and cover in writing, with a one-click accept.',
        kpis: [lowerBetter('Hours from call to quote', 'hours', 4)], functionalElements: ['Price', 'Cover summary', 'Accept button'], emotionalElements: ['Clarity'],
      }),
      tp({
        code: 'TP_SALES_FOLLOWUP_CALL', name: 'Follow-up call on an open quote', channel: Channel.PHONE, online: false, direct: true,
        department: SALES, responsible: 'Line Mortensen', purpose: 'Help undecided customers; today often felt as pushy.',
        kpis: [higherBetter('Quotes closed after follow-up', '%', 20)], functionalElements: ['Answer open questions'], emotionalElements: ['Respect for the customer\'s time'],
        difficult: true,
      }),
    ],
  },
  {
    name: 'Purchase & onboarding',
    description: 'The customer signs, receives the policy and gets started with app and self-service.',
    actions: ['Signs with MitID', 'Receives policy documents in e-Boks', 'Downloads the app', 'Moves the pension from the old provider'],
    thoughts: ['"Finally done."', '"What did I actually buy?"', '"Has my pension arrived?"'],
    feelings: ['Relieved', 'Proud of getting it sorted', 'Uneasy while the pension transfer is pending'],
    emotion: 1,
    touchpoints: [
      tp({
        code: 'TP_ONLINE_PURCHASE', name: 'Online purchase with MitID', channel: Channel.WEB, online: true, direct: true,
        department: DIGITAL, responsible: 'Sara Kjær', purpose: 'Sign and pay in one flow.',
        kpis: [higherBetter('Checkout completion', '%', 85)], functionalElements: ['MitID signing', 'Betalingsservice set-up'], emotionalElements: ['Easy', 'Safe'],
      }),
      tp({
        code: 'TP_POLICY_LETTER', name: 'Policy documents (e-Boks / post)', channel: Channel.LETTER, online: false, direct: true,
        department: SERVICE, responsible: 'Anne Sørensen', purpose: 'Tell the customer what is covered, in words they understand.',
        kpis: [higherBetter('Customers who understand their cover', '%', 80)], functionalElements: ['Policy', 'Terms', 'Excess and sums insured'],
        emotionalElements: ['Clarity', 'No surprises later'], difficult: true,
      }),
      tp({
        code: 'TP_WELCOME_EMAIL', name: 'Welcome email series', channel: Channel.EMAIL, online: true, direct: true,
        department: MARKETING, responsible: 'Mette Lindholm', purpose: 'Three emails over the first month: what you have, how to use it, who to call.',
        kpis: [higherBetter('Open rate', '%', 55)], functionalElements: ['Overview', 'App link', 'Contact'], emotionalElements: ['Welcome', 'Belonging'],
      }),
      tp({
        code: 'TP_APP_ONBOARDING', name: 'App download and first login', channel: Channel.APP, online: true, direct: true,
        department: DIGITAL, responsible: 'Kasper Friis', purpose: 'Get the customer into "Mit Nordlys" in the first week.',
        kpis: [higherBetter('Activated within 7 days', '%', 60)], functionalElements: ['MitID login', 'Policy overview'], emotionalElements: ['Modern', 'In control'],
      }),
      tp({
        code: 'TP_PENSION_TRANSFER', name: 'Transfer of pension from the previous provider', channel: Channel.LETTER, online: false, direct: true,
        department: SALES, responsible: 'Peter Dahl', purpose: 'Move the pension safely and tell the customer at every step.',
        kpis: [lowerBetter('Transfer time', 'days', 30)], functionalElements: ['Transfer request', 'Status updates', 'Confirmation'],
        emotionalElements: ['Security', 'Being kept informed'], critical: true, difficult: true,
      }),
      tp({
        code: 'TP_WELCOME_CALL', name: 'Welcome call from the advisor', channel: Channel.PHONE, online: false, direct: true,
        department: SALES, responsible: 'Peter Dahl', purpose: 'A personal check after 30 days: is everything as agreed?',
        kpis: [higherBetter('New customers reached', '%', 70)], functionalElements: ['Check of cover', 'Answer questions'], emotionalElements: ['Personal attention'],
      }),
    ],
  },
  {
    name: 'Everyday use',
    description: 'Most of the relationship: the customer pays, checks the pension, changes cover and sometimes needs help.',
    actions: ['Logs in to the app', 'Reads the annual pension statement', 'Calls customer service', 'Updates cover after moving'],
    thoughts: ['"Where do I find my pension balance?"', '"Why is it so hard to reach someone?"', '"Nice that I can do it myself."'],
    feelings: ['Indifferent most of the time', 'Frustrated in phone queues', 'Reassured by a good answer'],
    emotion: 0,
    touchpoints: [
      tp({
        code: 'TP_APP_SELF_SERVICE', name: '"Mit Nordlys" app', channel: Channel.APP, online: true, direct: true,
        department: DIGITAL, responsible: 'Kasper Friis', purpose: 'Everyday self-service: policies, pension balance, documents, changes.',
        kpis: [higherBetter('Crash-free sessions', '%', 99.5), higherBetter('App store rating', 'stars', 4.5)],
        functionalElements: ['Pension balance', 'Change cover', 'Documents'], emotionalElements: ['Overview', 'In control'],
      }),
      tp({
        code: 'TP_WEB_MY_PAGE', name: 'My page on nordlys.dk', channel: Channel.WEB, online: true, direct: true,
        department: DIGITAL, responsible: 'Sara Kjær', purpose: 'The same self-service on the web.',
        kpis: [higherBetter('Self-service completion', '%', 75)], functionalElements: ['Overview', 'Change address', 'Download documents'], emotionalElements: ['Easy'],
      }),
      tp({
        code: 'TP_ANNUAL_STATEMENT', name: 'Annual pension statement', channel: Channel.LETTER, online: false, direct: true,
        department: SERVICE, responsible: 'Anne Sørensen', purpose: 'Show what the pension is worth and what it will pay.',
        kpis: [higherBetter('Customers who understand the statement', '%', 70)], functionalElements: ['Balance', 'Expected payout', 'Costs (ÅOP)'],
        emotionalElements: ['Security about the future'],
      }),
      tp({
        code: 'TP_NEWSLETTER', name: 'Monthly newsletter', channel: Channel.EMAIL, online: true, direct: true,
        department: MARKETING, responsible: 'Mette Lindholm', purpose: 'Useful advice (storm season, travel, tax) rather than offers.',
        kpis: [higherBetter('Open rate', '%', 35), lowerBetter('Unsubscribe rate', '%', 0.3)], functionalElements: ['Advice', 'Reminders'], emotionalElements: ['Cared for'],
      }),
      tp({
        code: 'TP_PHONE_SERVICE', name: 'Customer service phone', channel: Channel.PHONE, online: false, direct: true,
        department: SERVICE, responsible: 'Anne Sørensen', purpose: 'Solve the customer\'s question in the first call.',
        kpis: [lowerBetter('Answer time', 's', 60), higherBetter('First contact resolution', '%', 80)],
        functionalElements: ['Short queue', 'Answer in the first call', 'Call-back option'], emotionalElements: ['Competence', 'Warmth', 'Being listened to'],
        critical: true,
      }),
      tp({
        code: 'TP_CHAT_SERVICE', name: 'Chat and chatbot', channel: Channel.CHAT, online: true, direct: true,
        department: SERVICE, responsible: 'Anne Sørensen', purpose: 'Quick answers; the bot hands over to a person when it cannot help.',
        kpis: [lowerBetter('Chat wait time', 's', 30), higherBetter('Solved by the bot', '%', 40)], functionalElements: ['24/7 answers', 'Hand-over'],
        emotionalElements: ['Not stuck with a robot'],
      }),
      tp({
        code: 'TP_PAYMENT_REMINDER', name: 'Payment reminder (rykker)', channel: Channel.SMS, online: true, direct: true,
        department: SERVICE, responsible: 'Anne Sørensen', purpose: 'Remind before cover lapses, politely.',
        kpis: [higherBetter('Paid within 10 days of reminder', '%', 85)], functionalElements: ['Amount', 'Pay link'], emotionalElements: ['Polite tone'],
        difficult: true,
      }),
      tp({
        code: 'TP_SOCIAL_SERVICE', name: 'Customer service on Facebook', channel: Channel.SOCIAL, online: true, direct: true,
        department: SERVICE, responsible: 'Jonas Holm', purpose: 'Answer public questions and move personal matters to a secure channel.',
        kpis: [lowerBetter('Response time', 'hours', 2)], functionalElements: ['Quick public answer'], emotionalElements: ['Human tone'],
      }),
      tp({
        code: 'TP_EMAIL_SERVICE', name: 'Secure message to customer service', channel: Channel.EMAIL, online: true, direct: true,
        department: SERVICE, responsible: 'Anne Sørensen', purpose: 'Written questions answered within one working day.',
        kpis: [lowerBetter('Response time', 'hours', 24)], functionalElements: ['Attachments', 'Answer in writing'], emotionalElements: ['Taken seriously'],
      }),
    ],
  },
  {
    name: 'Claim & complaint',
    description: 'The moment of truth: something has happened (water damage, a crash, illness) and the customer needs Nordlys to deliver.',
    actions: ['Reports the claim online, by phone or via the workshop', 'Talks to the claims handler', 'Gets a visit from the loss adjuster', 'Waits for the decision and payout'],
    thoughts: ['"Am I covered?"', '"Why does it take so long?"', '"Do they think I am cheating?"'],
    feelings: ['Stressed', 'Powerless while waiting', 'Grateful when it is handled well, furious when not'],
    emotion: -2,
    touchpoints: [
      tp({
        code: 'TP_CLAIM_REPORT_WEB', name: 'Report a claim online', channel: Channel.WEB, online: true, direct: true,
        department: CLAIMS, responsible: 'Morten Vestergaard', purpose: 'Report with photos in five minutes, any time of day.',
        kpis: [higherBetter('Claims reported online', '%', 50)], functionalElements: ['Photo upload', 'Claim number at once'], emotionalElements: ['Relief that it is started'],
      }),
      tp({
        code: 'TP_CLAIM_REPORT_PHONE', name: 'Report a claim by phone (Skadeservice)', channel: Channel.PHONE, online: false, direct: true,
        department: CLAIMS, responsible: 'Morten Vestergaard', purpose: 'Calm, competent help when something has just happened, 24/7.',
        kpis: [lowerBetter('Answer time', 's', 45)], functionalElements: ['24/7 line', 'Emergency help (water, glass)'], emotionalElements: ['Calm', 'Care'],
      }),
      tp({
        code: 'TP_CLAIM_REPORT_PARTNER', name: 'Claim via the car workshop', channel: Channel.PARTNER, online: false, direct: false,
        department: CLAIMS, responsible: 'Morten Vestergaard', purpose: 'The partner workshop reports and repairs without the customer chasing paper.',
        kpis: [lowerBetter('Repair time', 'days', 7)], functionalElements: ['Direct settlement', 'Courtesy car'], emotionalElements: ['Hassle-free'],
      }),
      tp({
        code: 'TP_CLAIM_HANDLING', name: 'Claims handler contact and assessment', channel: Channel.PHONE, online: false, direct: true,
        department: CLAIMS, responsible: 'Morten Vestergaard', purpose: 'One named handler who explains the process and keeps the customer informed.',
        kpis: [lowerBetter('Claim handling time', 'days', 10), higherBetter('Customers updated weekly', '%', 90)],
        functionalElements: ['Named handler', 'Status updates', 'Clear decision'], emotionalElements: ['Being believed', 'Care', 'Fairness'],
        critical: true, difficult: true,
      }),
      tp({
        code: 'TP_LOSS_ADJUSTER', name: 'Loss adjuster visit (taksator)', channel: Channel.FACE_TO_FACE, online: false, direct: true,
        department: CLAIMS, responsible: 'Morten Vestergaard', purpose: 'Assess the damage on site, fairly and respectfully.',
        kpis: [lowerBetter('Days to visit', 'days', 3)], functionalElements: ['Assessment', 'Next steps agreed'], emotionalElements: ['Respect', 'Fairness'],
        difficult: true,
      }),
      tp({
        code: 'TP_CLAIM_DECISION', name: 'Claim decision letter', channel: Channel.LETTER, online: false, direct: true,
        department: CLAIMS, responsible: 'Morten Vestergaard', purpose: 'Explain the decision and the amount in plain words.',
        kpis: [higherBetter('Decisions understood', '%', 85)], functionalElements: ['Decision', 'Calculation', 'How to appeal'], emotionalElements: ['Fairness', 'Clarity'],
        difficult: true,
      }),
      tp({
        code: 'TP_CLAIM_PAYOUT', name: 'Payout to NemKonto with SMS confirmation', channel: Channel.SMS, online: true, direct: true,
        department: CLAIMS, responsible: 'Morten Vestergaard', purpose: 'Money in the account within two days of the decision.',
        kpis: [lowerBetter('Days from decision to payout', 'days', 2)], functionalElements: ['Payout', 'Confirmation'], emotionalElements: ['Relief'],
      }),
      tp({
        code: 'TP_COMPLAINT', name: 'Complaint to the customer ambassador (klageansvarlig)', channel: Channel.EMAIL, online: true, direct: true,
        department: SERVICE, responsible: 'Charlotte Brems', purpose: 'Handle complaints within 14 days and learn from every one.',
        kpis: [lowerBetter('Complaint handling time', 'days', 14)], functionalElements: ['Acknowledgement', 'Decision', 'Appeal options (Ankenævnet)'],
        emotionalElements: ['Being heard', 'Fairness'], difficult: true,
      }),
    ],
  },
  {
    name: 'Renewal',
    description: 'Once a year the policy renews and the price changes; a good moment to review needs, or a reason to leave.',
    actions: ['Receives the renewal notice', 'Sees the price adjustment', 'Has the annual review with the advisor', 'Gets the loyalty bonus'],
    thoughts: ['"Why is it more expensive again?"', '"Am I still covered for what I need?"', '"Is loyalty worth anything here?"'],
    feelings: ['Irritated by price rises', 'Reassured after a good review', 'Tempted by competitors'],
    emotion: -1,
    touchpoints: [
      tp({
        code: 'TP_RENEWAL_NOTICE', name: 'Renewal notice with the new price', channel: Channel.LETTER, online: false, direct: true,
        department: SERVICE, responsible: 'Anne Sørensen', purpose: 'Announce renewal and explain any price change honestly.',
        kpis: [higherBetter('Renewal rate', '%', 90)], functionalElements: ['New price', 'Reason for change', 'Cover summary'], emotionalElements: ['Honesty'],
        difficult: true,
      }),
      tp({
        code: 'TP_ADVISOR_REVIEW', name: 'Annual review meeting with the advisor (Tryghedstjek)', channel: Channel.FACE_TO_FACE, online: false, direct: true,
        department: SALES, responsible: 'Peter Dahl', purpose: 'Check pension and cover against life changes; fix gaps and overlaps.',
        kpis: [higherBetter('Customers reviewed yearly', '%', 50), higherBetter('Reviews with action agreed', '%', 40)],
        functionalElements: ['Pension and cover check', 'Action plan'], emotionalElements: ['Being looked after', 'Trust', 'Personal relationship'],
        critical: true,
      }),
      tp({
        code: 'TP_PRICE_CHANGE_EMAIL', name: 'Index adjustment email', channel: Channel.EMAIL, online: true, direct: true,
        department: MARKETING, responsible: 'Mette Lindholm', purpose: 'Explain the yearly index adjustment before the bill arrives.',
        kpis: [lowerBetter('Calls about price per 1,000 emails', 'count', 5)], functionalElements: ['Old and new price', 'Why'], emotionalElements: ['No surprises'],
      }),
      tp({
        code: 'TP_CROSS_SELL_CALL', name: 'Outbound call offering extra cover', channel: Channel.PHONE, online: false, direct: true,
        department: SALES, responsible: 'Line Mortensen', purpose: 'Offer relevant extra cover (accident, critical illness) when needs change.',
        kpis: [higherBetter('Offers accepted', '%', 15)], functionalElements: ['Relevant offer'], emotionalElements: ['Relevance, not pressure'],
      }),
      tp({
        code: 'TP_LOYALTY_BENEFIT', name: 'Nordlys Bonus (loyalty refund) in the app', channel: Channel.APP, online: true, direct: true,
        department: MARKETING, responsible: 'Mette Lindholm', purpose: 'Show and pay the yearly loyalty refund to customers with several policies.',
        kpis: [higherBetter('Customers aware of the bonus', '%', 70)], functionalElements: ['Bonus amount', 'How to earn more'], emotionalElements: ['Appreciated'],
      }),
    ],
  },
  {
    name: 'Leaving',
    description: 'The customer cancels, moves the pension or simply does not renew.',
    actions: ['Calls or writes to cancel', 'Gets a retention offer', 'Receives the final statement', 'Answers the exit survey'],
    thoughts: ['"They only care now that I am leaving."', '"Will I lose money moving my pension?"'],
    feelings: ['Determined', 'Annoyed by hurdles', 'Sometimes sad to leave a good advisor'],
    emotion: -2,
    touchpoints: [
      tp({
        code: 'TP_CANCELLATION_CALL', name: 'Cancellation by phone', channel: Channel.PHONE, online: false, direct: true,
        department: SERVICE, responsible: 'Anne Sørensen', purpose: 'Make leaving easy and learn why the customer leaves.',
        kpis: [higherBetter('Reason for leaving recorded', '%', 95)], functionalElements: ['Cancel in one call', 'Reason recorded'], emotionalElements: ['Respect'],
      }),
      tp({
        code: 'TP_RETENTION_OFFER', name: 'Retention offer', channel: Channel.EMAIL, online: true, direct: true,
        department: SALES, responsible: 'Line Mortensen', purpose: 'A fair offer to customers who leave over price.',
        kpis: [higherBetter('Customers kept', '%', 20)], functionalElements: ['Offer', 'Deadline'], emotionalElements: ['Valued, not bribed'],
      }),
      tp({
        code: 'TP_CANCELLATION_LETTER', name: 'Cancellation confirmation and final statement', channel: Channel.LETTER, online: false, direct: true,
        department: SERVICE, responsible: 'Anne Sørensen', purpose: 'Confirm end of cover and settle the account correctly.',
        kpis: [lowerBetter('Days to final statement', 'days', 10)], functionalElements: ['End date', 'Refund'], emotionalElements: ['Clean break'],
      }),
      tp({
        code: 'TP_EXIT_SURVEY', name: 'Exit survey', channel: Channel.EMAIL, online: true, direct: true,
        department: MARKETING, responsible: 'Jonas Holm', purpose: 'Learn why customers leave, and invite them back.',
        kpis: [higherBetter('Exit survey response rate', '%', 25)], functionalElements: ['Short survey'], emotionalElements: ['Being heard'],
      }),
      tp({
        code: 'TP_PENSION_TRANSFER_OUT', name: 'Pension transferred to the new provider', channel: Channel.LETTER, online: false, direct: true,
        department: SALES, responsible: 'Peter Dahl', purpose: 'Transfer correctly and on time, without penalty surprises.',
        kpis: [lowerBetter('Transfer time', 'days', 30)], functionalElements: ['Transfer', 'Statement of fees'], emotionalElements: ['Fair to the end'],
        difficult: true,
      }),
    ],
  },
];

/** The demo company with target and initiative dates fitted to data ending at `endDate` (`months` months of data). */
export function makeDemoCompany(endDate: string = defaultDemoEndDate(), months: number = DEMO_MONTHS): DemoCompany {
  const start = demoDataStart(endDate, months);
  const due = addMonths(endDate, 12);
  return {
    name: 'Nordlys Forsikring & Pension',
    departments: [
      { name: MARKETING, description: 'Brand, campaigns, newsletters and the loyalty programme.' },
      { name: SALES, description: 'Sales line, partner banks and car dealers, personal pension and insurance advisors in the branches.' },
      { name: SERVICE, description: 'Kundeservice: phone, chat, secure messages, letters, complaints.' },
      { name: CLAIMS, description: 'Skadeservice: claim reporting, claims handlers, loss adjusters, payouts.' },
      { name: DIGITAL, description: 'nordlys.dk, the "Mit Nordlys" app, MitID sign-in and self-service.' },
    ],
    // Customer Service owns most touchpoints and the relationship answers: the largest queue of open cases.
    // IT & Digital owns the app with the planted drop (seeds/README.md #8): its alert and its detractors.
    userDepartments: { STRATEGIST: SERVICE, ANALYST: DIGITAL },
    personas: [
      {
        code: 'YOUNG_FAMILY', name: 'Young family (Familien Jensen)',
        description: 'Couple in their thirties with small children, a house in the suburbs of Aarhus, a car and a lot on their minds.',
        needs: ['Home, car and accident cover for the whole family', 'Child insurance', 'Fast help when something breaks'],
        behaviours: ['Buys online after comparing prices', 'Uses the app in the evening', 'Calls only when it is urgent'],
        preferredChannels: [Channel.APP, Channel.WEB, Channel.PHONE],
      },
      {
        code: 'SENIOR_SAVER', name: 'Senior saver (Birthe, 62)',
        description: 'Close to retirement with a large pension savings account; values a personal advisor and letters she can keep.',
        needs: ['Security about retirement income', 'Someone who knows her', 'Plain explanations'],
        behaviours: ['Reads letters carefully', 'Prefers the phone and meetings', 'Struggles with MitID and the app'],
        preferredChannels: [Channel.LETTER, Channel.PHONE, Channel.FACE_TO_FACE],
      },
      {
        code: 'SELF_EMPLOYED', name: 'Self-employed (Karsten, tømrermester)',
        description: 'Runs a small carpentry business; business insurance, own pension and little time.',
        needs: ['Cover for the business and the van', 'Pension he controls himself', 'Quick answers during working hours'],
        behaviours: ['Calls from the van', 'Came through his bank', 'Values one advisor who knows the business'],
        preferredChannels: [Channel.PHONE, Channel.PARTNER, Channel.FACE_TO_FACE],
      },
      {
        code: 'DIGITAL_NATIVE', name: 'Digital native (Freja, 26)',
        description: 'First own flat in Copenhagen, contents and travel insurance, labour-market pension she rarely looks at.',
        needs: ['Everything in the app', 'Fair price, no small print', 'Answers in chat, not on the phone'],
        behaviours: ['Finds Nordlys on social media and comparison sites', 'Switches quickly over price', 'Reads reviews'],
        preferredChannels: [Channel.APP, Channel.SOCIAL, Channel.CHAT],
      },
    ],
    journey: {
      name: 'Customer journey: from before purchase to leaving',
      description: 'The as-is journey across insurance and pension, mapped "from the outside in" with customers and front-line staff (sources 000, 002).',
      purpose: JourneyPurpose.OPTIMISE,
      owner: 'Charlotte Brems, Customer Care Manager',
      sponsor: 'Lars Nordahl, CEO',
      phases,
    },
    toBe: {
      name: 'Customer journey: to-be (one named contact, no surprises)',
      description: 'The improved journey: a named claims handler, a proactive pension transfer tracker, no pushy follow-up calls.',
      removeTouchpoints: ['TP_SALES_FOLLOWUP_CALL', 'TP_PAYMENT_REMINDER'],
      addTouchpoints: [
        { phase: 'Purchase & onboarding', name: 'Pension transfer tracker in the app', channel: Channel.APP, online: true, direct: true, department: DIGITAL, purpose: 'Show every step of the pension transfer, like a parcel tracker.' },
        { phase: 'Claim & complaint', name: 'Proactive SMS status on open claims', channel: Channel.SMS, online: true, direct: true, department: CLAIMS, purpose: 'A status message every week until the claim is closed.' },
        { phase: 'Everyday use', name: 'Call-back instead of phone queue', channel: Channel.PHONE, online: false, direct: true, department: SERVICE, purpose: 'Book a call-back slot instead of waiting in the queue.' },
      ],
    },
    // Costs in DKK sized for the demo's 50,000 customers (default `npm start` size), about an eighth of what
    // the same work would cost a real insurer of 400,000 customers, so the business cases weigh like-for-like.
    initiatives: [
      {
        title: 'One named claims handler per claim',
        description: 'Every claim gets one handler who calls within 24 hours and updates weekly (source 003: know exactly what this customer thinks, and act on it).',
        touchpoints: ['TP_CLAIM_HANDLING', 'TP_CLAIM_DECISION'], department: CLAIMS, track: InitiativeTrack.IMPROVE_EXISTING,
        status: InitiativeStatus.IN_PROGRESS, oneOffCost: 150_000, yearlyCost: 300_000,
        expectedEffect: { kind: EffectKind.DETRACTORS_TO_PASSIVES, value: 0.4 }, feasibility: 3, effectRating: 5,
        startDate: addMonths(endDate, -4), endDate: addMonths(endDate, 6),
      },
      {
        title: 'Call-back and first contact resolution in Kundeservice',
        description: 'Call-back slots instead of queues, and front-line authority to solve more in the first call.',
        touchpoints: ['TP_PHONE_SERVICE'], department: SERVICE, track: InitiativeTrack.IMPROVE_EXISTING,
        status: InitiativeStatus.PLANNED, oneOffCost: 80_000, yearlyCost: 110_000,
        expectedEffect: { kind: EffectKind.TOUCHPOINT_NPS_UPLIFT, value: 12 }, feasibility: 4, effectRating: 4,
        startDate: addMonths(endDate, 2), endDate: addMonths(endDate, 8),
      },
      {
        title: 'Tryghedstjek: annual review for every pension customer',
        description: 'Offer every pension customer a yearly review meeting (branch or video) and train advisors in 10\'er-adfærd (source 000).',
        touchpoints: ['TP_ADVISOR_REVIEW', 'TP_ANNUAL_STATEMENT'], department: SALES, track: InitiativeTrack.NEW_ELEMENT,
        status: InitiativeStatus.DONE, oneOffCost: 100_000, yearlyCost: 390_000,
        expectedEffect: { kind: EffectKind.PASSIVES_TO_PROMOTERS, value: 0.25 }, feasibility: 3, effectRating: 4,
        startDate: addMonths(start, 2), endDate: addMonths(start, 10),
      },
      {
        title: 'Pension transfer tracker',
        description: 'Show the transfer of a pension step by step in the app and by SMS.',
        touchpoints: ['TP_PENSION_TRANSFER', 'TP_APP_ONBOARDING'], department: DIGITAL, track: InitiativeTrack.NEW_ELEMENT,
        status: InitiativeStatus.IDEA, oneOffCost: 190_000, yearlyCost: 40_000,
        expectedEffect: { kind: EffectKind.TOUCHPOINT_NPS_UPLIFT, value: 20 }, feasibility: 2, effectRating: 3,
      },
      {
        title: 'Plain-Danish policy documents',
        description: 'Rewrite policies and renewal notices so customers understand cover, excess and price changes.',
        touchpoints: ['TP_POLICY_LETTER', 'TP_RENEWAL_NOTICE'], department: SERVICE, track: InitiativeTrack.IMPROVE_EXISTING,
        status: InitiativeStatus.IN_PROGRESS, oneOffCost: 60_000, yearlyCost: 6_000,
        expectedEffect: { kind: EffectKind.DETRACTORS_TO_PASSIVES, value: 0.2 }, feasibility: 5, effectRating: 2,
        startDate: addMonths(endDate, -6), endDate: addMonths(endDate, 3),
      },
      {
        title: 'Stop pushy follow-up calls on open quotes',
        description: 'Replace the follow-up call with an email offering a call at a time the customer chooses.',
        touchpoints: ['TP_SALES_FOLLOWUP_CALL', 'TP_QUOTE_EMAIL'], department: SALES, track: InitiativeTrack.IMPROVE_EXISTING,
        status: InitiativeStatus.IDEA, oneOffCost: 15_000, yearlyCost: 0,
        expectedEffect: { kind: EffectKind.DETRACTORS_TO_PASSIVES, value: 0.5 }, feasibility: 5, effectRating: 2,
      },
    ],
    targets: [
      {
        name: 'Company NPS from -44 to +25 (the Skandia ambition)', metric: TargetMetric.NPS, scope: TargetScope.COMPANY,
        baseline: -44, baselineDate: start, targetValue: 25, dueDate: due,
      },
      {
        name: 'Claims handling NPS above 0', metric: TargetMetric.NPS, scope: TargetScope.TOUCHPOINT, scopeCode: 'TP_CLAIM_HANDLING',
        baseline: -35, baselineDate: start, targetValue: 0, dueDate: due,
      },
      {
        name: 'Customer service answer time under 60 seconds', metric: TargetMetric.TOUCHPOINT_KPI, scope: TargetScope.TOUCHPOINT,
        scopeCode: 'TP_PHONE_SERVICE', kpiName: 'Answer time', baseline: 190, baselineDate: start, targetValue: 60, dueDate: due,
      },
      {
        name: 'Yearly retention of 92%', metric: TargetMetric.RETENTION, scope: TargetScope.COMPANY,
        baseline: 0.87, baselineDate: start, targetValue: 0.92, dueDate: due,
      },
      {
        name: 'Senior savers: CSAT 4.2 in everyday service', metric: TargetMetric.CSAT, scope: TargetScope.PERSONA, scopeCode: 'SENIOR_SAVER',
        baseline: 3.2, baselineDate: start, targetValue: 4.2, dueDate: due,
      },
    ],
    units: [
      { code: 'CPH', name: 'København' },
      { code: 'AAR', name: 'Aarhus' },
      { code: 'ODE', name: 'Odense' },
      { code: 'AAL', name: 'Aalborg' },
      { code: 'ESB', name: 'Esbjerg' },
      { code: 'VEJ', name: 'Vejle' },
      { code: 'ROS', name: 'Roskilde' },
      { code: 'HER', name: 'Herning' },
      { code: 'KOL', name: 'Kolding' },
      { code: 'HIL', name: 'Hillerød' },
    ],
  };
}

/** The demo company for data ending yesterday (the default of `npm start` and `npm run generate`). */
export const demoCompany: DemoCompany = makeDemoCompany();

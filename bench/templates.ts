/**
 * Sentence templates for the benchmark's fictional reviews. Everything here is invented: the
 * people are the pseudonyms Adult A (victim), Adult B (perpetrator) and Child C, practitioners
 * appear by role only, and the events are typical of published reviews without describing any.
 *
 * `{A}`, `{B}`, `{C}` are the pseudonyms; other `{slot}`s are filled from SLOTS. Chronology events
 * are built from two or three sentences drawn from different lists, so that rows on the same day
 * rarely read alike (the duplicate rule compares the words of same-day rows).
 */

export const SLOTS: Record<string, string[]> = {
  injury: [
    'bruising to her upper arm', 'a cut above her left eye', 'a swollen jaw', 'scratches to her neck',
    'a sprained wrist', 'bruised ribs', 'a burn to her forearm', 'a split lip', 'a fractured finger',
    'grip marks on both wrists', 'a bite mark on her hand', 'a black eye', 'bruising to her thigh',
  ],
  incident: [
    'pushed her against the kitchen door', 'taken her phone and car keys', 'shouted at her in front of Child C',
    'thrown a plate at the wall', 'followed her to work', 'sent more than forty messages in one evening',
    'refused to leave the house', 'grabbed her by the arm', 'damaged the front door',
    'threatened to take Child C away', 'locked her out of the house overnight', 'withheld money for food',
    'turned up at her mother\'s home uninvited', 'posted comments about her on social media',
    'blocked the doorway so that she could not leave', 'cut up her bank card', 'read her messages aloud to her',
    'driven slowly past her home several times', 'punctured the tyres of her car', 'broken the television',
  ],
  excuse: [
    'fallen down the stairs', 'walked into a cupboard door', 'slipped on the wet kitchen floor',
    'tripped over a toy', 'fallen while carrying shopping', 'caught her arm in the car door',
    'fallen in the garden', 'knocked her face on a shelf',
  ],
  place: [
    'the family home', 'a supermarket car park', 'the school gate', 'her mother\'s home', 'a friend\'s flat',
    'the town centre', 'the children\'s centre', 'a petrol station', 'a bus stop near her home',
    'the railway station', 'her workplace car park', 'a leisure centre', 'the park near the flats',
  ],
  service: [
    'GDASS', 'the MASH', 'adult social care', 'the MARAC', 'talking therapies', 'the drug and alcohol service',
    'the housing options team', 'the early help team', 'the National Domestic Abuse Helpline', 'the sanctuary scheme',
    'the IDVA service', 'the health visiting team', 'the perpetrator programme', 'the crisis team',
  ],
  risk: ['standard', 'medium', 'high'],
  mood: ['anxious', 'tearful', 'withdrawn', 'frightened', 'calm', 'agitated', 'tired', 'distressed', 'quiet', 'guarded'],
  caller: [
    'a neighbour', 'Adult A\'s mother', 'a member of the public', 'Child C\'s school', 'Adult A', 'a passing motorist',
    'Adult A\'s sister', 'a taxi driver', 'a shop assistant', 'a colleague of Adult A',
  ],
  when: [
    'the previous evening', 'two days earlier', 'the weekend before', 'earlier that morning', 'the week before',
    'the night before', 'three days earlier', 'that afternoon', 'on the way home from school',
  ],
  substance: ['alcohol', 'cannabis', 'cocaine', 'prescribed medication', 'alcohol and cannabis'],
  concern: [
    'low mood', 'headaches', 'poor sleep', 'back pain', 'anxiety', 'weight loss', 'panic attacks', 'stomach pains',
    'a chest infection', 'palpitations', 'tiredness', 'a rash on her arms', 'dizziness', 'neck pain',
  ],
  offence: [
    'common assault', 'criminal damage', 'harassment', 'controlling or coercive behaviour', 'breach of a non-molestation order',
    'assault occasioning actual bodily harm', 'stalking', 'malicious communications', 'non-fatal strangulation',
  ],
  relative: ['mother', 'sister', 'aunt', 'brother', 'grandmother', 'cousin', 'friend', 'neighbour'],
  n: ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'ten', 'twelve', 'fifteen'],
  ordinal: ['second', 'third', 'fourth', 'fifth', 'sixth'],
  duration: ['ten minutes', 'twenty minutes', 'half an hour', 'an hour', 'most of the evening', 'two hours'],
  room: ['the kitchen', 'the living room', 'the hallway', 'the bedroom', 'the garden', 'the car'],
};

/** Opening sentence of an event, by kind of agency. */
export const EVENTS: Record<string, string[]> = {
  police: [
    '{caller} called 999 to report that {B} had {incident} at {place}.',
    'Officers attended {place} after {caller} reported shouting and a child crying.',
    '{A} reported that {B} had {incident} {when}.',
    '{B} was arrested on suspicion of {offence} and interviewed under caution.',
    '{A} came to the police station front counter to report that {B} had {incident}.',
    'Welfare check at {place} after {A} did not answer calls from {service}.',
    'Breach of the non-molestation order reported by {A}: {B} had {incident}.',
    '{B} reported that {A} had refused him contact with {C} at the agreed handover.',
    'A silent 999 call was traced to the home of {A}; officers attended within {n} minutes.',
    'Anonymous report that {B} had been seen near {place} {when}.',
    '{B} handed himself in at the police station after being circulated as wanted for {offence}.',
    'Voluntary interview of {B} about the allegation of {offence}.',
    'Officers attended {place} after a report that {B} had {incident}.',
  ],
  gp: [
    '{A} attended a GP appointment about {concern}.',
    'Telephone consultation with {A} about {concern}; a male voice could be heard in the background.',
    '{A} did not attend a booked appointment about {concern}.',
    'Repeat prescription for {A} requested at the reception desk by {B}.',
    'Letter received from {service} about {A}, filed without being read by a clinician.',
    '{C} seen by the practice nurse for routine immunisations, brought by {A}.',
    '{B} attended asking for help with his use of {substance} and with low mood.',
    '{A} attended with {C}, who had {concern}; {A} herself appeared {mood}.',
    'Medication review for {A}, who said she had been struggling with {concern}.',
    'Discharge letter from the emergency department received about {A}.',
    '{A} asked for an urgent appointment and was seen the same day about {concern}.',
  ],
  hospital: [
    '{A} attended the emergency department with {injury}, saying she had {excuse}.',
    '{A} attended the emergency department alone with {injury} and said that her partner had caused it.',
    '{B} attended the emergency department under the influence of {substance} with a cut hand.',
    '{A} was brought to the emergency department by ambulance after a fall at {place}.',
    'Fracture clinic appointment for {A}; she arrived with {B}, who answered most of the questions.',
    'Antenatal booking appointment for {A}; the routine question about domestic abuse was asked with {B} present.',
    '{C} was taken to the emergency department by {A} with {concern}.',
    '{A} left the emergency department before being seen, {n} hours after booking in.',
    'Minor injuries unit attendance by {A} with {injury}.',
  ],
  'mental-health': [
    'Telephone assessment of {A} after a self-referral for {concern}.',
    '{B} was assessed by the crisis team after telling his GP that he had thoughts of ending his life.',
    '{A} did not attend her first therapy appointment and did not reply to the follow-up letter.',
    'Liaison psychiatry assessment of {B} in the emergency department after he had been drinking {substance}.',
    'Guided self-help session with {A}, who said that things at home were {mood2}.',
    'Home treatment team visit to {B}; {A} and {C} were at home.',
    '{A} was discharged from talking therapies after missing {n} sessions.',
    'Care coordinator telephoned {B}, who said he had stopped taking his medication.',
  ],
  'adult-social-care': [
    'Adult safeguarding concern about {A} received from {service}.',
    'Duty social worker tried to telephone {A} about the safeguarding concern; there was no answer.',
    'Strategy discussion about {A} with the police and {service}.',
    'Carers assessment offered to {A} after she said she was caring for her {relative}.',
    'Information request from the MARAC coordinator about {A}.',
    'Section 42 enquiry considered for {A}; the criteria were not met.',
    'Case note: {A} telephoned asking for advice about support for her {relative}.',
  ],
  'childrens-social-care': [
    'Public protection notice received from the police about an incident at the home of {A} and {C}.',
    'Child and family assessment of {C} started after a referral from {service}.',
    'Home visit to {A} and {C}; {C} was seen alone in {room2}.',
    'Strategy discussion about {C} after the incident reported by {caller}.',
    'Child in need meeting for {C}; {A} attended, {B} did not.',
    '{C}\'s school reported that he had been {mood} and had said his dad shouted at his mum.',
    'Early help plan for {C} reviewed with {A} and the school.',
    'Social worker visited {C} at school; he said he was worried about his mum.',
  ],
  housing: [
    '{A} contacted the housing options team to say she needed to leave {place}.',
    'Rent arrears letter sent to {A} and {B} at the joint tenancy.',
    '{A} asked for the tenancy to be transferred into her sole name.',
    'Neighbour complaint about noise from the home of {A} and {B}.',
    'Repairs request from {A} for {damage}.',
    'Tenancy visit to {A}; the housing officer noticed {damage}.',
    'Sanctuary scheme survey at the home of {A}.',
    'Temporary accommodation offered to {A} and {C}.',
  ],
  gdass: [
    'Referral about {A} received from {service}; risk {risk}.',
    'Outreach worker telephoned {A}, who said things were better and declined support.',
    'Safety plan completed with {A} at {place}.',
    'IDVA met {A} before the MARAC meeting to hear her views.',
    '{A} attended a group session of the recovery programme.',
    'Case closed after {n} weeks of support; re-referral route explained to {A}.',
    'Text message sent to {A} with helpline details, with her agreement.',
    'IDVA attended the MARAC meeting and presented the views of {A}.',
  ],
  probation: [
    'Supervision appointment with {B}, who said his use of {substance} was under control.',
    '{B} did not attend his supervision appointment.',
    'Domestic abuse enquiry to the police about {B} before a report to the court.',
    'Pre-sentence report interview with {B} about the offence of {offence}.',
    'Home visit to {B} at his mother\'s address.',
    '{B} started the accredited domestic abuse programme.',
    'Risk assessment of {B} reviewed after information from the police.',
  ],
  ambulance: [
    'Ambulance sent to {place} after a 999 call from {caller}; {A} had {injury}.',
    'Crew attended {B}, who had collapsed after drinking {substance}.',
    '{A} was treated at the scene for {injury} and declined to go to hospital.',
    'Call from {A} for {C}, who had {concern}; advice given over the telephone.',
    'Crew attended {place}; {A} said she had {excuse}.',
  ],
};

/** Second sentence: what was seen or said (any agency). */
export const DETAILS = [
  '{A} appeared {mood} and had {injury}.',
  '{C} was present and was seen by the attending practitioner.',
  '{B} was not present.',
  '{A} said this was the {ordinal} incident that month.',
  '{B} had been using {substance} since the afternoon.',
  '{A} declined to make a statement and did not want {B} arrested.',
  '{A} described {B} checking her phone and controlling the household money.',
  'Raised voices had been heard for about {duration}.',
  'No visible injuries were seen.',
  '{A} said she was afraid of what {B} would do if she reported it.',
  '{A} said {B} had moved back in {when}.',
  '{B} said the argument had started over money.',
  '{A}\'s {relative} was also present and gave an account.',
  '{A} said {B} had {incident} {when}.',
  '{C} was at school at the time.',
  '{A} asked that no letters be sent to the house.',
  '{A} was seen on her own for part of the contact.',
  '{B} answered for {A} during most of the contact.',
  '{A} said she was staying with her {relative} for a few nights.',
  'The practitioner noted that {A} seemed {mood}.',
];

/** Optional third sentence: context (any agency). */
export const CONTEXT = [
  'The account was recorded on body-worn video.',
  'The information was shared with {service} the next day.',
  'This was not linked to earlier incidents at the time.',
  'The record notes {n} earlier contacts of the same kind.',
  'An interpreter was not needed.',
  '{A} was given the number of the National Domestic Abuse Helpline.',
  'The contact lasted about {duration}.',
  'The record does not say whether {A} was asked about her safety.',
  'The visit was unannounced.',
  'A letter confirming the contact was sent to {A}.',
  '{A}\'s consent to share the information was recorded.',
  'The outcome was discussed with a manager the same day.',
];

export const ACTIONS: Record<string, string[]> = {
  police: [
    'DASH risk assessment completed: {risk} risk.', 'Public protection notice sent to the MASH.',
    'Referral to {service} with the consent of {A}.', '{B} released under investigation.',
    'No further action: evidential difficulties without a statement.', 'Crime recorded as {offence}.',
    'Safety advice given and a crime reference number issued.', 'Referred to the MARAC as high risk.',
    '{B} charged with {offence} and remanded to court.', 'Words of advice given to {B}.',
  ],
  gp: [
    'Advice given and a follow-up appointment booked in {n} weeks.', 'No routine enquiry about domestic abuse recorded.',
    'Referred to {service}.', 'Concern raised with the practice safeguarding lead.', 'Medication reviewed; no change made.',
    'Letter coded and filed.', 'Blood tests arranged.', 'Sick note issued for {n} weeks.',
  ],
  hospital: [
    'Injuries examined and documented; discharged home.', 'DASH completed: {risk} risk. Referral sent to {service}.',
    'No routine enquiry because {A} was not seen alone.', 'X-ray showed no fracture; discharged with advice.',
    'Safeguarding concern sent to {service}.', 'Discharge letter sent to the GP.',
  ],
  'mental-health': [
    'Placed on the waiting list for guided self-help.', 'Discharged to the GP by letter.', 'Crisis line details given.',
    'Referred to {service}.', 'Low risk of self-harm recorded; no further action.', 'Follow-up visit arranged for the next week.',
  ],
  'adult-social-care': [
    'Triaged: no care and support needs; no section 42 enquiry.', 'Signposted to {service}.',
    'Information shared with the MARAC coordinator.', 'Case closed.', 'Advice given by telephone.',
  ],
  'childrens-social-care': [
    'Screened: no further action.', 'Child in need plan agreed.', 'Referred to {service}.',
    'Assessment completed in {n} weeks; early help plan agreed.', 'Letter sent to {A} with information about local support.',
    'Strategy discussion held; the threshold for a section 47 enquiry was not met.',
  ],
  housing: [
    'Repayment plan agreed.', 'Referral to the money advice service.', 'Repair completed within {n} working days.',
    'Process explained and forms sent.', 'Referral to {service}.', 'Locks changed and a door chain fitted.',
  ],
  gdass: [
    'Allocated to an outreach worker.', 'Safety plan reviewed.', 'Case closed; re-referral route explained.',
    'Referral to {service}.', 'Support continued by telephone every {n} days.', 'Non-molestation order discussed.',
  ],
  probation: [
    'Enforcement warning letter issued.', 'Risk level reviewed: {risk}.', 'Information shared with the police.',
    'Next appointment arranged in {n} weeks.', 'Referral to {service}.',
  ],
  ambulance: [
    'Conveyed to the emergency department.', 'Safeguarding referral made to {service}.', 'Advice given; not conveyed.',
    'Handed over to police officers at the scene.',
  ],
};

export const COMMENTS = [
  'The link with earlier incidents was not made.',
  'A missed opportunity for a routine enquiry about domestic abuse.',
  'Good practice: {A} was seen alone and asked directly about abuse.',
  'The information was not shared with other agencies.',
  'The risk assessment did not take account of the history of {B}.',
  'The agency\'s procedure at the time did not require a referral.',
  'The voice of {C} is not recorded.',
  'The contact was recorded accurately and promptly.',
  'The practitioner followed the agency\'s procedure.',
  'The escalation of the abuse after separation was not recognised.',
];

export const SOURCES: Record<string, string[]> = {
  police: ['Incident log', 'Crime file', 'Custody record', 'DASH risk assessment', '999 call and incident log', 'Intelligence record'],
  gp: ['GP consultation record', 'GP telephone consultation', 'Practice nurse record', 'Correspondence', 'Prescription record'],
  hospital: ['Emergency department record', 'Fracture clinic letter', 'Maternity record', 'Minor injuries unit record'],
  'mental-health': ['Talking therapies assessment', 'Crisis team record', 'Liaison psychiatry assessment', 'Care coordinator note'],
  'adult-social-care': ['Safeguarding concern', 'Case note', 'MARAC research record', 'Contact record'],
  'childrens-social-care': ['MASH record', 'Child and family assessment', 'Strategy discussion record', 'Case note', 'Visit record'],
  housing: ['Tenancy file', 'Rent account record', 'Repairs log', 'Sanctuary scheme record', 'Housing options record'],
  gdass: ['Referral record', 'Case note', 'Safety plan', 'Closure record', 'MARAC record'],
  probation: ['Supervision record', 'Case management system entry', 'Pre-sentence report', 'Risk assessment'],
  ambulance: ['Patient care record', 'Call record', 'Safeguarding referral'],
};

/** Practitioner roles by agency kind (roles only, never names). */
export const ROLES: Record<string, string[]> = {
  police: ['Response officer', 'Police constable', 'Investigating officer', 'Detective constable', 'Call handler', 'Custody sergeant', 'Neighbourhood officer'],
  gp: ['GP', 'Practice nurse', 'Receptionist', 'GP registrar', 'Locum GP'],
  hospital: ['ED nurse', 'ED doctor', 'Triage nurse', 'Midwife', 'Consultant'],
  'mental-health': ['Psychological wellbeing practitioner', 'Crisis worker', 'Care coordinator', 'Mental health nurse', 'Psychiatrist'],
  'adult-social-care': ['Duty social worker', 'Social worker', 'Safeguarding practitioner', 'Team manager'],
  'childrens-social-care': ['MASH social worker', 'Social worker', 'Team manager', 'Family support worker', 'Early help worker'],
  housing: ['Housing officer', 'Income officer', 'Tenancy officer', 'Housing options officer'],
  gdass: ['Outreach worker', 'IDVA', 'Referral coordinator', 'Domestic abuse practitioner'],
  probation: ['Probation officer', 'Probation services officer', 'Offender manager'],
  ambulance: ['Paramedic', 'Ambulance crew', 'Call handler'],
};

/** Extra slot lists used by a few templates. */
SLOTS.mood2 = ['difficult', 'better', 'tense', 'calmer', 'hard to talk about'];
SLOTS.room2 = ['her bedroom', 'the garden', 'the kitchen'];
SLOTS.damage = ['a broken internal door', 'a hole in the bedroom wall', 'a damaged front door lock', 'a broken window', 'a cracked kitchen cupboard'];

/** IMR sentences. `{month}` and `{year}` give a time in the review period; `{role}` a practitioner. */
export const IMR_SENTENCES = [
  'In {month} {year} {A} told a {role} that {B} had {incident}.',
  'The {role} recorded the disclosure but did not ask about the safety of {A}.',
  'Records show that {A} was seen {n} times in the following months.',
  'There is no record that the information was shared with {service}.',
  'The author spoke to the {role}, who said that caseloads at the time were high.',
  'The agency\'s policy required a DASH risk assessment in these circumstances, and one was completed.',
  'The use of {substance} by {B} was known to the agency but was not considered as a risk factor.',
  'Staff had not been trained to recognise coercive control until {year}.',
  'This was good practice, and it is highlighted in the section on good practice below.',
  '{C} was not spoken to on his own.',
  'The account given by {A} was consistent with the pattern described by other agencies.',
  'The referral to {service} was made on the same day, in line with the agency\'s procedure.',
  'In {month} {year} the agency received a letter from {service} about {A}.',
  'The letter was filed without being read by a clinician, so the information it held was not acted on.',
  'With hindsight, the {ordinal} contact in {year} was the point at which the risk to {A} was rising.',
  'The {role} who saw {A} in {month} {year} had worked in the service for {n} years.',
  'No manager reviewed the case before it was closed.',
  '{A} was not asked whether it was safe to send letters to her home.',
  'The agency did not know that {B} had been arrested for {offence}.',
  'The panel asked the author to consider what was known about {B} as a parent.',
  'Professional curiosity about the injuries of {A} would have led to more questions.',
  'The record of the contact is brief and does not give the words that {A} used.',
  'When {A} said that {B} had {incident}, the {role} gave her the number of {service}.',
  'The agency has since changed its procedure, and the change is described in the section on lessons learnt.',
  'The author found no evidence that the agency\'s records were shared with the MARAC in {year}.',
  'It was not recognised that separation increased the risk to {A}.',
  '{A} was described in the records as {mood}, but the reason was not explored.',
  'The supervision records of the {role} do not mention the case.',
  'The decision not to refer the case to {service} was not recorded, nor the reasons for it.',
  'Over {n} months the agency had {n2} contacts with {A}, {B} or {C}.',
  'Each contact was handled on its own, and no practitioner saw the whole picture.',
  'The agency\'s domestic abuse policy was last reviewed in {year}.',
  'The panel noted that {A} found it easier to talk to practitioners she already knew.',
  'A home visit in {month} {year} was cancelled and not rearranged.',
  'The author found that the {role} had acted in line with the training available at the time.',
];

export const IMR_RECOMMENDATIONS = [
  'The agency should make the routine enquiry about domestic abuse a required field in its assessment record, and audit its use every quarter.',
  'The agency should train every {role} in recognising coercive and controlling behaviour within twelve months.',
  'The agency should send every safeguarding referral about domestic abuse to {service} within one working day.',
  'Managers should review every case closed after a disclosure of domestic abuse before it is closed.',
  'The agency should record why a referral to {service} was not made when the policy expects one.',
];

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Invented surnames for the identity register: syllables that make no common word. */
export const SURNAME_STARTS = ['Brack', 'Quill', 'Thorn', 'Marl', 'Kest', 'Wend', 'Hollin', 'Sedg', 'Fenn', 'Rook', 'Penn', 'Larch', 'Tansley', 'Orrin', 'Yarn', 'Calde', 'Dunst', 'Elver'];
export const SURNAME_ENDS = ['ridge', 'combe', 'thwaite', 'ingham', 'stowe', 'hurst', 'wick', 'worthy', 'castle', 'brook', 'leigh', 'cott'];
export const GIVEN_F = ['Joanna', 'Kirsty', 'Leanne', 'Gemma', 'Natalie', 'Rebecca', 'Siobhan', 'Donna', 'Amira', 'Katarzyna', 'Zoë', 'Chloe'];
export const GIVEN_M = ['Darren', 'Lee', 'Craig', 'Wayne', 'Ryan', 'Jamie', 'Dean', 'Marcus', 'Tomasz', 'Kieran', 'Shane', 'Connor'];
export const GIVEN_CHILD = ['Alfie', 'Tyler', 'Mason', 'Oscar', 'Harvey', 'Riley', 'Logan', 'Jayden'];
export const STREET_WORDS = ['Larkspur', 'Tansy', 'Sorrel', 'Yarrow', 'Campion', 'Teasel', 'Burdock', 'Vervain', 'Betony', 'Comfrey', 'Agrimony', 'Mallow'];
export const STREET_TYPES = ['Close', 'Mews', 'Road', 'Lane', 'Avenue', 'Drive', 'Crescent', 'Way', 'Gardens', 'Terrace'];
